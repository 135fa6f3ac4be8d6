package dev.sluice.application.webhook;

import dev.sluice.domain.widget.BusinessId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A merchant's HTTPS endpoint that receives the events of its business, as the contract shows it (never the secret). */
public record WebhookEndpoint(String id, BusinessId businessId, String url, String description, List<String> events,
        boolean enabled, DisabledReason disabledReason, Instant createdAt, Instant updatedAt) {
    public static final String ID_PREFIX = "wh_";

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(businessId, "businessId");
        Objects.requireNonNull(url, "url");
        events = List.copyOf(events);
        if (enabled != (disabledReason == null)) {
            throw new IllegalArgumentException("a disabled endpoint says why, an enabled one does not");
        }
    }

    public boolean subscribesTo(String eventType) {
        return events.contains(eventType);
    }

    /** Why Sluice disabled an endpoint; one the merchant disabled has no reason. */
    public enum DisabledReason {
        GONE("gone"), FAILING("failing"), BY_MERCHANT(null);

        private final String wire;

        DisabledReason(String wire) {
            this.wire = wire;
        }

        /** The contract's {@code disabledReason}: {@code gone}, {@code failing}, or null. */
        public String wire() {
            return wire;
        }
    }

    /** A new endpoint with its signing secret, shown this once. */
    public record Issued(WebhookEndpoint endpoint, String signingSecret) {
        @Override
        public String toString() {
            return "Issued[endpoint=" + endpoint + ", signingSecret=whsec_…]";
        }
    }
}
