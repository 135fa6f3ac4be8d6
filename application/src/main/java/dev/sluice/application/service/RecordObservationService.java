package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Observations;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.ObservationRules;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.Violation;
import java.time.Instant;
import java.util.List;

/**
 * Stores every observation once per id and lets the session decide what it does to its payments.
 * A rejected observation is committed first and refused afterwards, so no report of money is lost.
 */
public final class RecordObservationService implements RecordObservation {
    private final ObservationRecorder recorder;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public RecordObservationService(DepositSessions sessions, Observations observations, Outbox outbox,
            UnitOfWork unitOfWork, Clock clock) {
        this.recorder = new ObservationRecorder(new SessionStore(sessions, outbox, unitOfWork), observations);
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public Observed record(Caller caller, String sessionId, ObservationDraft draft, List<Violation> inputViolations) {
        Access.requireObserver(caller);
        SessionId id = SessionId.parse(sessionId).orElseThrow(() -> DomainException.notFound("session"));
        Instant now = clock.now();
        Observation observation = ObservationRules.check(draft, inputViolations, now);
        return unitOfWork.inTransaction(() -> recorder.apply(id, observation, now)).orThrow();
    }
}
