package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.Observations;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.ObservationResult;
import dev.sluice.domain.session.ObservationRules;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores every observation once per id and lets the session's lifecycle decide what it does.
 * A rejected observation is committed first and refused afterwards, so no report of money is lost.
 */
public final class RecordObservationService implements RecordObservation {
    private final SessionStore store;
    private final Observations observations;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public RecordObservationService(DepositSessions sessions, Observations observations, Outbox outbox,
            UnitOfWork unitOfWork, Clock clock) {
        this.store = new SessionStore(sessions, outbox, unitOfWork);
        this.observations = observations;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    private record Recorded(Observed observed, Optional<String> rejection) {
    }

    @Override
    public Observed record(Caller caller, String sessionId, ObservationDraft draft, List<Violation> inputViolations) {
        Access.requireObserver(caller);
        SessionId id = SessionId.parse(sessionId).orElseThrow(() -> DomainException.notFound("session"));
        Instant now = clock.now();
        Observation observation = ObservationRules.check(draft, inputViolations, now);
        Recorded recorded = unitOfWork.inTransaction(() -> apply(id, observation, now));
        recorded.rejection().ifPresent(reason -> {
            throw new DomainException(ErrorCode.INVALID_TRANSITION, reason);
        });
        return recorded.observed();
    }

    private Recorded apply(SessionId id, Observation observation, Instant now) {
        DepositSession session = store.lock(id);
        if (observations.findById(observation.observationId()).isPresent()) {
            return repeat(session, now);
        }
        ObservationResult result = session.observe(observation, now);
        if (!observations.add(new RecordedObservation(id, observation, result.outcome(), now))) {
            return repeat(session, now);
        }
        return switch (result) {
            case ObservationResult.Applied applied -> {
                store.save(applied.change());
                yield new Recorded(new Observed(applied.change().session(), Optional.of(result.outcome())),
                        Optional.empty());
            }
            case ObservationResult.Unchanged unchanged ->
                    new Recorded(new Observed(session, Optional.of(result.outcome())), Optional.empty());
            case ObservationResult.Rejected rejected ->
                    new Recorded(new Observed(session, Optional.of(result.outcome())), Optional.of(rejected.reason()));
        };
    }

    /** A repeat changes nothing, but the answer must not show a CREATED session after its expiry. */
    private Recorded repeat(DepositSession session, Instant now) {
        Change change = session.expireIfDue(now);
        store.save(change);
        return new Recorded(new Observed(change.session(), Optional.empty()), Optional.empty());
    }
}
