package dev.sluice.application.port.in;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.webhook.WebhookDelivery;

/** {@code GET …/webhook-deliveries?endpointId=&status=&sessionId=&limit=&startingAfter=}, newest first. */
public interface ListWebhookDeliveries {
    /** The query parameters as sent (null when absent); checked here, all errors at once. */
    Page<WebhookDelivery> list(Caller caller, String businessId, Query query);

    record Query(String endpointId, String status, String sessionId, String limit, String startingAfter) {
    }
}
