package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateDepositSession;
import dev.sluice.application.port.in.GetWidgetConfig;
import dev.sluice.application.port.in.ListDepositSessions;
import dev.sluice.application.port.in.Page;
import dev.sluice.domain.session.DepositSession;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/widgets/{widgetId}/…}: what a widget's front end (or its business) calls. */
final class WidgetPublicService implements HttpService {
    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final String BASE = "/api/v1/widgets/{widgetId}";

    private final Endpoints endpoints;
    private final Authentication authentication;
    private final Origins origins;
    private final GetWidgetConfig getConfig;
    private final CreateDepositSession createSession;
    private final ListDepositSessions listSessions;

    WidgetPublicService(Endpoints endpoints, Authentication authentication, Origins origins, GetWidgetConfig getConfig,
            CreateDepositSession createSession, ListDepositSessions listSessions) {
        this.endpoints = endpoints;
        this.authentication = authentication;
        this.origins = origins;
        this.getConfig = getConfig;
        this.createSession = createSession;
        this.listSessions = listSessions;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, BASE + "/config", this::config);
        endpoints.post(rules, BASE + "/create-session", this::createSession);
        endpoints.get(rules, BASE + "/deposit-sessions", this::listSessions);
    }

    private void config(ServerRequest req, ServerResponse res) {
        String widgetId = widgetId(req);
        Caller caller = authentication.admit(req, widgetId);
        GetWidgetConfig.WidgetConfig config = getConfig.get(caller, widgetId, origins.host(req));
        ObjectNode body = JsonIo.object();
        body.set("config", config.widget().map(WidgetJson::publicConfig).orElse(null));
        body.put("reason", config.reason().orElse(null));
        JsonIo.send(res, Status.OK_200, body);
    }

    private void createSession(ServerRequest req, ServerResponse res) {
        String widgetId = widgetId(req);
        Caller caller = authentication.admit(req, widgetId);
        byte[] bytes = JsonIo.body(req, () -> getConfig.get(caller, widgetId, Optional.empty()));
        RequestObject body = RequestObject.parse(bytes, SessionJson.DRAFT_FIELDS);
        Optional<String> key = req.headers().first(IDEMPOTENCY_KEY);
        CreateDepositSession.CreatedSession created = createSession.create(new CreateDepositSession.Command(
                caller, widgetId, origins.host(req), SessionJson.draft(body), body.violations(), key));
        res.header(HeaderNames.LOCATION, "/api/v1/widgets/deposit-sessions/" + created.session().id().value());
        JsonIo.send(res, Status.CREATED_201, SessionJson.created(created));
    }

    private void listSessions(ServerRequest req, ServerResponse res) {
        String widgetId = widgetId(req);
        Caller caller = authentication.admit(req, widgetId);
        Page<DepositSession> page = listSessions.list(caller, widgetId, query(req, "status"), query(req, "limit"),
                query(req, "startingAfter"));
        ObjectNode body = JsonIo.object();
        ArrayNode data = body.putArray("data");
        page.items().forEach(s -> data.add(SessionJson.fullView(s)));
        body.put("hasMore", page.hasMore());
        JsonIo.send(res, Status.OK_200, body);
    }

    static String query(ServerRequest req, String name) {
        return req.query().first(name).orElse(null);
    }

    private static String widgetId(ServerRequest req) {
        return req.path().pathParameters().get("widgetId");
    }
}
