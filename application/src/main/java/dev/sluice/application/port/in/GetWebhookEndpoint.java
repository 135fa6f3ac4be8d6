package dev.sluice.application.port.in;

import dev.sluice.application.webhook.WebhookEndpoint;

/** {@code GET …/webhook-endpoints/{endpointId}}. */
public interface GetWebhookEndpoint {
    WebhookEndpoint get(Caller caller, String businessId, String endpointId);
}
