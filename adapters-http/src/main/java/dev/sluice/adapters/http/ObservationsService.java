package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.domain.session.ObservationDraft;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;

/** {@code POST /api/v1/deposit-sessions/{sessionId}/observations}: the chain watcher's reports. */
final class ObservationsService implements HttpService {
    static final Set<String> FIELDS = Set.of("observationId", "kind", "txId", "amountReceived", "confirmations",
            "observedAt");

    private final Endpoints endpoints;
    private final Authentication authentication;
    private final RecordObservation recordObservation;

    ObservationsService(Endpoints endpoints, Authentication authentication, RecordObservation recordObservation) {
        this.endpoints = endpoints;
        this.authentication = authentication;
        this.recordObservation = recordObservation;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.post(rules, "/api/v1/deposit-sessions/{sessionId}/observations", this::record);
    }

    private void record(ServerRequest req, ServerResponse res) {
        String sessionId = req.path().pathParameters().get("sessionId");
        Caller caller = authentication.admit(req);
        byte[] bytes = JsonIo.body(req);
        RequestObject body = RequestObject.parse(bytes, FIELDS);
        ObservationDraft draft = new ObservationDraft(body.string("observationId"), body.string("kind"),
                body.string("txId"), body.string("amountReceived"), body.integer("confirmations"),
                body.string("observedAt"));
        RecordObservation.Observed observed = recordObservation.record(caller, sessionId, draft, body.violations());
        JsonIo.send(res, Status.OK_200, SessionJson.fullView(observed.session()));
    }
}
