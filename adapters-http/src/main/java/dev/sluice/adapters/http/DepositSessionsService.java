package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CancelDepositSession;
import dev.sluice.application.port.in.GetDepositSession;
import dev.sluice.application.port.in.SimulatePayment;
import dev.sluice.domain.session.DepositSession;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/widgets/deposit-sessions/{sessionId}…}: the session secret's or the business's view. */
final class DepositSessionsService implements HttpService {
    private static final String BASE = "/api/v1/widgets/deposit-sessions/{sessionId}";
    private static final Set<String> SIMULATION_FIELDS = Set.of("amount", "outcome");

    private final Endpoints endpoints;
    private final Authentication authentication;
    private final Origins origins;
    private final GetDepositSession getSession;
    private final CancelDepositSession cancelSession;
    private final SimulatePayment simulatePayment;

    DepositSessionsService(Endpoints endpoints, Authentication authentication, Origins origins,
            GetDepositSession getSession, CancelDepositSession cancelSession, SimulatePayment simulatePayment) {
        this.endpoints = endpoints;
        this.authentication = authentication;
        this.origins = origins;
        this.getSession = getSession;
        this.cancelSession = cancelSession;
        this.simulatePayment = simulatePayment;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, BASE, this::get);
        endpoints.post(rules, BASE + "/cancel-session", this::cancel);
        endpoints.post(rules, BASE + "/simulate-payment", this::simulate);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String sessionId = sessionId(req);
        Caller caller = authentication.admit(req, sessionId);
        GetDepositSession.SessionView view = getSession.get(caller, sessionId, origins.host(req));
        JsonIo.send(res, Status.OK_200, view.fullView()
                ? SessionJson.fullView(view.session()) : SessionJson.publicView(view.session()));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        String sessionId = sessionId(req);
        Caller caller = authentication.admit(req, sessionId);
        cancelSession.cancel(caller, sessionId, origins.host(req));
        JsonIo.send(res, Status.OK_200, JsonIo.object().put("status", "cancelled"));
    }

    /** Answers with the view the caller may see, as a read of the session would. */
    private void simulate(ServerRequest req, ServerResponse res) {
        String sessionId = sessionId(req);
        Caller caller = authentication.admit(req, sessionId);
        Optional<String> origin = origins.host(req);
        byte[] bytes = JsonIo.body(req, () -> getSession.get(caller, sessionId, origin));
        RequestObject body = RequestObject.parse(bytes, SIMULATION_FIELDS);
        DepositSession session = simulatePayment.simulate(caller, sessionId, origin, body.string("outcome"),
                body.string("amount"), body.violations());
        JsonIo.send(res, Status.OK_200, caller instanceof Caller.BusinessUser
                ? SessionJson.fullView(session) : SessionJson.publicView(session));
    }

    private static String sessionId(ServerRequest req) {
        return req.path().pathParameters().get("sessionId");
    }
}
