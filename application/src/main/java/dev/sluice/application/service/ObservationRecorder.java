package dev.sluice.application.service;

import dev.sluice.application.port.in.RecordObservation.Observed;
import dev.sluice.application.port.out.Observations;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationResult;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import java.time.Instant;
import java.util.Optional;

/**
 * One observation stored once per id and applied to its session under the session's lock; what
 * the chain watcher reports and what a test session's simulated payment reports take this path.
 */
final class ObservationRecorder {
    private final SessionStore store;
    private final Observations observations;

    ObservationRecorder(SessionStore store, Observations observations) {
        this.store = store;
        this.observations = observations;
    }

    /** The session after the observation, and why it was refused if it was; must run inside a unit of work. */
    record Recorded(Observed observed, Optional<String> rejection) {
        /** The session, or {@code invalid_transition} once the refused observation is committed. */
        Observed orThrow() {
            rejection.ifPresent(reason -> {
                throw new DomainException(ErrorCode.INVALID_TRANSITION, reason);
            });
            return observed;
        }
    }

    Recorded apply(SessionId id, Observation observation, Instant now) {
        DepositSession session = store.lock(id);
        if (observations.findById(observation.observationId()).isPresent()) {
            return repeat(session, now, Optional.empty(), Optional.empty());
        }
        ObservationResult result = session.observe(observation, now);
        if (!observations.add(new RecordedObservation(id, observation, result.outcome(), now))) {
            return repeat(session, now, Optional.empty(), Optional.empty());
        }
        return switch (result) {
            case ObservationResult.Applied applied -> {
                store.save(applied.change());
                yield new Recorded(new Observed(applied.change().session(), Optional.of(result.outcome())),
                        Optional.empty());
            }
            case ObservationResult.Unchanged unchanged -> repeat(session, now, Optional.of(result.outcome()),
                    Optional.empty());
            case ObservationResult.Rejected rejected -> repeat(session, now, Optional.of(result.outcome()),
                    Optional.of(rejected.reason()));
        };
    }

    /** The session is left as it was, but the answer must not show a CREATED session after its expiry. */
    private Recorded repeat(DepositSession session, Instant now, Optional<RecordedObservation.Outcome> outcome,
            Optional<String> rejection) {
        Change change = session.expireIfDue(now);
        store.save(change);
        return new Recorded(new Observed(change.session(), outcome), rejection);
    }
}
