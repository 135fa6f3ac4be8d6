package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.SimulatePayment;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Observations;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.PaymentSimulation;
import dev.sluice.domain.session.SessionSecrets;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records, for a test session, the observations a chain watcher would send, through the same
 * path as real ones: stored, applied, with their events, in one unit of work.
 */
public final class SimulatePaymentService implements SimulatePayment {
    private final SessionStore store;
    private final Widgets widgets;
    private final ObservationRecorder recorder;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final SessionSecrets secrets;

    public SimulatePaymentService(Widgets widgets, DepositSessions sessions, Observations observations,
            Outbox outbox, UnitOfWork unitOfWork, Clock clock, SessionSecrets secrets) {
        this.store = new SessionStore(sessions, outbox, unitOfWork);
        this.widgets = widgets;
        this.recorder = new ObservationRecorder(store, observations);
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.secrets = secrets;
    }

    @Override
    public DepositSession simulate(Caller caller, String sessionId, Optional<String> originHost, String outcome,
            String amount, List<Violation> inputViolations) {
        DepositSession session = store.find(sessionId);
        Access.requireSessionAccess(caller, session, secrets);
        Access.requireSessionOrigin(caller, session, originHost, widgets);
        if (!session.testMode()) {
            throw new DomainException(ErrorCode.NOT_TEST_MODE, "the session's widget is not in test mode");
        }
        PaymentSimulation simulation = PaymentSimulation.check(outcome, amount, inputViolations);
        Instant now = clock.now();
        return unitOfWork.inTransaction(() -> {
            DepositSession after = session;
            for (Observation observation : simulation.observations(now)) {
                after = recorder.apply(session.id(), observation, now).orThrow().session();
            }
            return after;
        });
    }
}
