package dev.sluice.application.port.in;

import dev.sluice.application.webhook.WebhookDelivery;

/** {@code POST …/webhook-endpoints/{endpointId}/send-test}: a {@code webhook.test} event goes out like any other. */
public interface SendTestWebhook {
    WebhookDelivery sendTest(Caller caller, String businessId, String endpointId);
}
