package dev.sluice.application.port.in;

import dev.sluice.application.webhook.EndpointPatch;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.shared.Violation;
import java.util.List;

/** {@code POST …/webhook-endpoints/{endpointId}/update-endpoint}: partial; enabling clears the disabled reason. */
public interface UpdateWebhookEndpoint {
    WebhookEndpoint update(Caller caller, String businessId, String endpointId, EndpointPatch patch,
            List<Violation> parseViolations);
}
