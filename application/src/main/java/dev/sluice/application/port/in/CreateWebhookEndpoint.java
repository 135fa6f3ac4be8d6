package dev.sluice.application.port.in;

import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.shared.Violation;
import java.util.List;

/** {@code POST …/webhook-endpoints/create-endpoint}: at most 10 live endpoints per business. */
public interface CreateWebhookEndpoint {
    /** {@code parseViolations}: what the adapter already found wrong with the body, reported with the rest. */
    WebhookEndpoint.Issued create(Caller caller, String businessId, EndpointDraft draft,
            List<Violation> parseViolations);
}
