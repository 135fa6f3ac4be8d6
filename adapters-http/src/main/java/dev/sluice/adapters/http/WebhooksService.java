package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateWebhookEndpoint;
import dev.sluice.application.port.in.DeleteWebhookEndpoint;
import dev.sluice.application.port.in.GetWebhookDelivery;
import dev.sluice.application.port.in.GetWebhookEndpoint;
import dev.sluice.application.port.in.ListWebhookDeliveries;
import dev.sluice.application.port.in.ListWebhookEndpoints;
import dev.sluice.application.port.in.RedeliverWebhook;
import dev.sluice.application.port.in.RotateWebhookSecret;
import dev.sluice.application.port.in.SendTestWebhook;
import dev.sluice.application.port.in.UpdateWebhookEndpoint;
import dev.sluice.application.port.in.Page;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.application.webhook.WebhookEndpoint;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/businesses/{businessId}/webhook-endpoints…} and {@code …/webhook-deliveries…}. */
final class WebhooksService implements HttpService {
    private static final String ENDPOINTS = "/api/v1/businesses/{businessId}/webhook-endpoints";
    private static final String DELIVERIES = "/api/v1/businesses/{businessId}/webhook-deliveries";

    /** The webhook use cases, all of them served. */
    record UseCases(CreateWebhookEndpoint create, ListWebhookEndpoints list, GetWebhookEndpoint get,
            UpdateWebhookEndpoint update, DeleteWebhookEndpoint delete, RotateWebhookSecret rotateSecret,
            SendTestWebhook sendTest, ListWebhookDeliveries listDeliveries, GetWebhookDelivery getDelivery,
            RedeliverWebhook redeliver) {
    }

    private final Endpoints endpoints;
    private final Authentication authentication;
    private final UseCases useCases;

    WebhooksService(Endpoints endpoints, Authentication authentication, UseCases useCases) {
        this.endpoints = endpoints;
        this.authentication = authentication;
        this.useCases = useCases;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.post(rules, ENDPOINTS + "/create-endpoint", this::create);
        endpoints.get(rules, ENDPOINTS, this::list);
        endpoints.get(rules, ENDPOINTS + "/{endpointId}", this::get);
        endpoints.post(rules, ENDPOINTS + "/{endpointId}/update-endpoint", this::update);
        endpoints.post(rules, ENDPOINTS + "/{endpointId}/delete-endpoint", this::delete);
        endpoints.post(rules, ENDPOINTS + "/{endpointId}/rotate-secret", this::rotateSecret);
        endpoints.post(rules, ENDPOINTS + "/{endpointId}/send-test", this::sendTest);
        endpoints.get(rules, DELIVERIES, this::listDeliveries);
        endpoints.get(rules, DELIVERIES + "/{deliveryId}", this::getDelivery);
        endpoints.post(rules, DELIVERIES + "/{deliveryId}/redeliver", this::redeliver);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        RequestObject body = RequestObject.parse(JsonIo.body(req), WebhookJson.DRAFT_FIELDS);
        WebhookEndpoint.Issued issued = useCases.create().create(caller, businessId(req), WebhookJson.draft(body),
                body.violations());
        JsonIo.send(res, Status.CREATED_201,
                WebhookJson.endpoint(issued.endpoint()).put("signingSecret", issued.signingSecret()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        ObjectNode body = JsonIo.object();
        ArrayNode data = body.putArray("data");
        useCases.list().list(caller, businessId(req)).forEach(e -> data.add(WebhookJson.endpoint(e)));
        JsonIo.send(res, Status.OK_200, body);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        JsonIo.send(res, Status.OK_200,
                WebhookJson.endpoint(useCases.get().get(caller, businessId(req), endpointId(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        RequestObject body = RequestObject.parse(JsonIo.body(req), WebhookJson.PATCH_FIELDS);
        WebhookEndpoint updated = useCases.update().update(caller, businessId(req), endpointId(req),
                WebhookJson.patch(body), body.violations());
        JsonIo.send(res, Status.OK_200, WebhookJson.endpoint(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        useCases.delete().delete(caller, businessId(req), endpointId(req));
        res.status(Status.OK_200).send();
    }

    private void rotateSecret(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        String secret = useCases.rotateSecret().rotate(caller, businessId(req), endpointId(req));
        JsonIo.send(res, Status.OK_200, JsonIo.object().put("signingSecret", secret));
    }

    private void sendTest(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        JsonIo.send(res, Status.ACCEPTED_202,
                WebhookJson.delivery(useCases.sendTest().sendTest(caller, businessId(req), endpointId(req))));
    }

    private void listDeliveries(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        Page<WebhookDelivery> page = useCases.listDeliveries().list(caller, businessId(req),
                new ListWebhookDeliveries.Query(WidgetPublicService.query(req, "endpointId"),
                        WidgetPublicService.query(req, "status"), WidgetPublicService.query(req, "sessionId"),
                        WidgetPublicService.query(req, "limit"), WidgetPublicService.query(req, "startingAfter")));
        ObjectNode body = JsonIo.object();
        ArrayNode data = body.putArray("data");
        page.items().forEach(d -> data.add(WebhookJson.delivery(d)));
        body.put("hasMore", page.hasMore());
        JsonIo.send(res, Status.OK_200, body);
    }

    private void getDelivery(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        JsonIo.send(res, Status.OK_200,
                WebhookJson.delivery(useCases.getDelivery().get(caller, businessId(req), deliveryId(req))));
    }

    private void redeliver(ServerRequest req, ServerResponse res) {
        Caller caller = authentication.admit(req);
        JsonIo.send(res, Status.ACCEPTED_202,
                WebhookJson.delivery(useCases.redeliver().redeliver(caller, businessId(req), deliveryId(req))));
    }

    private static String businessId(ServerRequest req) {
        return req.path().pathParameters().get("businessId");
    }

    private static String endpointId(ServerRequest req) {
        return req.path().pathParameters().get("endpointId");
    }

    private static String deliveryId(ServerRequest req) {
        return req.path().pathParameters().get("deliveryId");
    }
}
