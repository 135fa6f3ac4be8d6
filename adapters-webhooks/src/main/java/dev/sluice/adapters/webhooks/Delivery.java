package dev.sluice.adapters.webhooks;

import java.util.List;

/**
 * A delivery this instance leased for one attempt: what to send, where, signed with which secrets.
 * {@code attempts} counts the attempts made before this one.
 */
record Delivery(String deliveryId, String endpointId, String eventId, String sessionId, String body, int attempts,
        String url, List<SigningSecret> secrets) {
    @Override
    public String toString() {
        return "Delivery[" + deliveryId + " of " + eventId + " to " + endpointId + "]";
    }
}
