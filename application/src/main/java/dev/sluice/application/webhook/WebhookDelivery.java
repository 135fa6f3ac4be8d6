package dev.sluice.application.webhook;

import java.time.Instant;
import java.util.Objects;

/** One event (or test) on its way to one endpoint, with the outcome of its latest attempt. */
public record WebhookDelivery(String id, String endpointId, String eventId, String eventType, String sessionId,
        Status status, int attempts, String requestUrl, String requestBody, Integer responseCode,
        String responseBody, Instant lastAttemptAt, Instant nextAttemptAt, Instant createdAt) {
    public static final String ID_PREFIX = "dly_";

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    public enum Status {
        PENDING, RETRYING, DELIVERED, FAILED
    }

    /** A page of a business's deliveries, newest first, filtered by whatever is not null. */
    public record Query(String endpointId, Status status, String sessionId, int limit, String startingAfter) {
    }
}
