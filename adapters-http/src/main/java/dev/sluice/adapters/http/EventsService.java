package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.ListEvents;
import dev.sluice.application.port.in.Page;
import dev.sluice.cloudevents.CloudEventJson;
import dev.sluice.domain.session.SessionEvent;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /api/v1/businesses/{businessId}/events}: the outbox as a feed, for consumers without Kafka. */
final class EventsService implements HttpService {
    private final Endpoints endpoints;
    private final Authentication authentication;
    private final ListEvents listEvents;
    private final CloudEventJson cloudEvents = new CloudEventJson();

    EventsService(Endpoints endpoints, Authentication authentication, ListEvents listEvents) {
        this.endpoints = endpoints;
        this.authentication = authentication;
        this.listEvents = listEvents;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, "/api/v1/businesses/{businessId}/events", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String businessId = req.path().pathParameters().get("businessId");
        Caller caller = authentication.admit(req);
        Page<SessionEvent> page = listEvents.list(caller, businessId, WidgetPublicService.query(req, "after"),
                WidgetPublicService.query(req, "limit"));
        ObjectNode body = JsonIo.object();
        ArrayNode data = body.putArray("data");
        page.items().forEach(e -> data.add(cloudEvents.toNode(e)));
        body.put("hasMore", page.hasMore());
        JsonIo.send(res, Status.OK_200, body);
    }
}
