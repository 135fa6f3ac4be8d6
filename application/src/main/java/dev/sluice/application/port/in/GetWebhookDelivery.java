package dev.sluice.application.port.in;

import dev.sluice.application.webhook.WebhookDelivery;

/** {@code GET …/webhook-deliveries/{deliveryId}}. */
public interface GetWebhookDelivery {
    WebhookDelivery get(Caller caller, String businessId, String deliveryId);
}
