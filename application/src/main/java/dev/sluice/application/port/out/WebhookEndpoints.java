package dev.sluice.application.port.out;

import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.EndpointPatch;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.widget.BusinessId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A business's webhook endpoints and their signing secrets. The store issues and keeps the secrets
 * (encrypted); callers see a plaintext secret only when one is issued. An endpoint of another
 * business, or a deleted one, is not found.
 */
public interface WebhookEndpoints {
    /** Creates an enabled endpoint unless the business already has {@code limit} live ones (then empty). */
    Optional<WebhookEndpoint.Issued> create(BusinessId business, EndpointDraft draft, int limit, Instant now);

    /** Live endpoints, oldest first. */
    List<WebhookEndpoint> list(BusinessId business);

    Optional<WebhookEndpoint> find(BusinessId business, String endpointId);

    /**
     * Applies the patch's present fields. Enabling clears the disabled reason and lets the endpoint's
     * held deliveries go; disabling holds them.
     */
    Optional<WebhookEndpoint> update(BusinessId business, String endpointId, EndpointPatch patch, Instant now);

    /** Deletes the endpoint and drops its waiting deliveries; false when there was none. */
    boolean delete(BusinessId business, String endpointId, Instant now);

    /** A new signing secret; the previous one keeps signing too until {@code previousValidUntil}. */
    Optional<String> rotateSecret(BusinessId business, String endpointId, Instant now, Instant previousValidUntil);
}
