package dev.sluice.application.port.in;

import dev.sluice.application.webhook.WebhookEndpoint;
import java.util.List;

/** {@code GET …/webhook-endpoints}: the business's live endpoints. */
public interface ListWebhookEndpoints {
    List<WebhookEndpoint> list(Caller caller, String businessId);
}
