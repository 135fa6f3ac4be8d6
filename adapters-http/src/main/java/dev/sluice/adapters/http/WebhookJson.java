package dev.sluice.adapters.http;

import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.EndpointPatch;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.shared.Violation;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Webhook endpoints and deliveries as the contract shows them, and the bodies that create and change endpoints. */
final class WebhookJson {
    static final Set<String> DRAFT_FIELDS = Set.of("url", "description", "events");
    static final Set<String> PATCH_FIELDS = Set.of("url", "description", "events", "enabled");

    private WebhookJson() {
    }

    static EndpointDraft draft(RequestObject body) {
        return new EndpointDraft(body.string("url"), body.string("description"), body.strings("events"));
    }

    /** Absent fields stay as they are; {@code null} clears only the description, which may be null. */
    static EndpointPatch patch(RequestObject body) {
        for (String required : Set.of("url", "events", "enabled")) {
            if (body.isNull(required)) {
                body.addViolation(new Violation(required, "required", "may not be null"));
            }
        }
        return new EndpointPatch(body.string("url"), body.has("description"), body.string("description"),
                body.strings("events"), body.bool("enabled"));
    }

    static ObjectNode endpoint(WebhookEndpoint endpoint) {
        ObjectNode node = JsonIo.object()
                .put("id", endpoint.id())
                .put("businessId", endpoint.businessId().value())
                .put("url", endpoint.url())
                .put("description", endpoint.description());
        endpoint.events().forEach(node.putArray("events")::add);
        return node.put("enabled", endpoint.enabled())
                .put("disabledReason", endpoint.disabledReason() == null ? null : endpoint.disabledReason().wire())
                .put("createdAt", JsonIo.timestamp(endpoint.createdAt()))
                .put("updatedAt", JsonIo.timestamp(endpoint.updatedAt()));
    }

    static ObjectNode delivery(WebhookDelivery delivery) {
        return JsonIo.object()
                .put("id", delivery.id())
                .put("endpointId", delivery.endpointId())
                .put("eventId", delivery.eventId())
                .put("eventType", delivery.eventType())
                .put("sessionId", delivery.sessionId())
                .put("status", delivery.status().name())
                .put("attempts", delivery.attempts())
                .put("requestUrl", delivery.requestUrl())
                .put("requestBody", delivery.requestBody())
                .put("responseCode", delivery.responseCode())
                .put("responseBody", delivery.responseBody())
                .put("lastAttemptAt", JsonIo.timestamp(delivery.lastAttemptAt()))
                .put("nextAttemptAt", JsonIo.timestamp(delivery.nextAttemptAt()))
                .put("createdAt", JsonIo.timestamp(delivery.createdAt()));
    }
}
