package dev.sluice.application.port.in;

import dev.sluice.application.webhook.WebhookDelivery;

/** {@code POST …/webhook-deliveries/{deliveryId}/redeliver}: the same event again, same {@code webhook-id}. */
public interface RedeliverWebhook {
    WebhookDelivery redeliver(Caller caller, String businessId, String deliveryId);
}
