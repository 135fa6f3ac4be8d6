package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateWidget;
import dev.sluice.application.port.in.DeleteWidget;
import dev.sluice.application.port.in.GetWidget;
import dev.sluice.application.port.in.ListWidgets;
import dev.sluice.application.port.in.RotateWidgetSecret;
import dev.sluice.application.port.in.UpdateWidget;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetPatch;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/businesses/{businessId}/widgets…}: a business manages its widgets. */
final class WidgetsService implements HttpService {
    private static final String BASE = "/api/v1/businesses/{businessId}/widgets";

    /** The widget-management use cases; any left {@code null} is not served. */
    record UseCases(CreateWidget create, ListWidgets list, GetWidget get, UpdateWidget update, DeleteWidget delete,
            RotateWidgetSecret rotateSecret) {
    }

    private final Endpoints endpoints;
    private final Authentication authentication;
    private final UseCases useCases;

    WidgetsService(Endpoints endpoints, Authentication authentication, UseCases useCases) {
        this.endpoints = endpoints;
        this.authentication = authentication;
        this.useCases = useCases;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.post(rules, BASE + "/create-widget", this::create);
        endpoints.get(rules, BASE, this::list);
        endpoints.get(rules, BASE + "/{widgetId}", this::get);
        endpoints.post(rules, BASE + "/{widgetId}/update-widget", this::update);
        endpoints.post(rules, BASE + "/{widgetId}/delete-widget", this::delete);
        endpoints.post(rules, BASE + "/{widgetId}/rotate-secret", this::rotateSecret);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        byte[] bytes = JsonIo.body(req);
        RequestObject body = RequestObject.parse(bytes, WidgetJson.DRAFT_FIELDS);
        WidgetDraft draft = WidgetJson.draft(body);
        Widget.Issued issued = useCases.create().create(caller, businessId(req), draft, body.violations());
        JsonIo.send(res, Status.CREATED_201, WidgetJson.widget(issued.widget()).put("clientSecret", issued.clientSecret()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        ObjectNode body = JsonIo.object();
        ArrayNode data = body.putArray("data");
        useCases.list().list(caller, businessId(req)).forEach(w -> data.add(WidgetJson.widget(w)));
        JsonIo.send(res, Status.OK_200, body);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        JsonIo.send(res, Status.OK_200, WidgetJson.widget(useCases.get().get(caller, businessId(req), widgetId(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        byte[] bytes = JsonIo.body(req);
        RequestObject body = RequestObject.parse(bytes, WidgetJson.PATCH_FIELDS);
        WidgetPatch patch = WidgetJson.patch(body);
        Widget updated = useCases.update().update(caller, businessId(req), widgetId(req), patch, body.violations());
        JsonIo.send(res, Status.OK_200, WidgetJson.widget(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        useCases.delete().delete(caller, businessId(req), widgetId(req));
        res.status(Status.OK_200).send();
    }

    private void rotateSecret(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        String secret = useCases.rotateSecret().rotate(caller, businessId(req), widgetId(req));
        JsonIo.send(res, Status.OK_200, JsonIo.object().put("clientSecret", secret));
    }

    private static String businessId(ServerRequest req) {
        return req.path().pathParameters().get("businessId");
    }

    private static String widgetId(ServerRequest req) {
        return req.path().pathParameters().get("widgetId");
    }
}
