package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CancelDepositSession;
import dev.sluice.application.port.in.GetDepositSession;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/widgets/deposit-sessions/{sessionId}…}: the session secret's or the business's view. */
final class DepositSessionsService implements HttpService {
    private static final String BASE = "/api/v1/widgets/deposit-sessions/{sessionId}";

    private final Endpoints endpoints;
    private final Gate gate;
    private final GetDepositSession getSession;
    private final CancelDepositSession cancelSession;

    DepositSessionsService(Endpoints endpoints, Gate gate, GetDepositSession getSession,
            CancelDepositSession cancelSession) {
        this.endpoints = endpoints;
        this.gate = gate;
        this.getSession = getSession;
        this.cancelSession = cancelSession;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, BASE, this::get);
        endpoints.post(rules, BASE + "/cancel-session", this::cancel);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String sessionId = sessionId(req);
        Caller caller = gate.admit(req, sessionId);
        GetDepositSession.SessionView view = getSession.get(caller, sessionId);
        JsonIo.send(res, Status.OK_200, view.fullView()
                ? SessionJson.fullView(view.session()) : SessionJson.publicView(view.session()));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        String sessionId = sessionId(req);
        Caller caller = gate.admit(req, sessionId);
        cancelSession.cancel(caller, sessionId);
        JsonIo.send(res, Status.OK_200, JsonIo.object().put("status", "cancelled"));
    }

    private static String sessionId(ServerRequest req) {
        return req.path().pathParameters().get("sessionId");
    }
}
