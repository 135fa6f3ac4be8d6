package dev.sluice.adapters.webhooks;

import dev.sluice.cloudevents.CloudEventJson;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@code webhook.test} CloudEvent of send-test: the envelope of every event, data {@code {"endpointId":…}}. */
final class TestEvent {
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private TestEvent() {
    }

    static String json(String eventId, String endpointId, Instant now) {
        ObjectNode event = MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", eventId)
                .put("source", "/webhook-endpoints/" + endpointId)
                .put("type", WebhookStore.TEST_EVENT_TYPE)
                .put("subject", endpointId)
                .put("time", CloudEventJson.timestamp(now))
                .put("datacontenttype", "application/json");
        event.putObject("data").put("endpointId", endpointId);
        return MAPPER.writeValueAsString(event);
    }
}
