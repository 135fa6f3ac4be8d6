package dev.sluice.domain.session;

import java.util.Objects;

/** What an observation did to a session, as {@link DepositSession#observe} decides it. */
public sealed interface ObservationResult {

    /** How the observation is stored. */
    RecordedObservation.Outcome outcome();

    /** The session moved; {@code change} carries one event per status change (two when it expired first). */
    record Applied(Change change) implements ObservationResult {
        public Applied {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public RecordedObservation.Outcome outcome() {
            return RecordedObservation.Outcome.APPLIED;
        }
    }

    /** The observation only repeats what the session already knows. */
    record Unchanged() implements ObservationResult {
        @Override
        public RecordedObservation.Outcome outcome() {
            return RecordedObservation.Outcome.UNCHANGED;
        }
    }

    /** The lifecycle does not allow it (a forbidden move, a second txId); the session stays as it was. */
    record Rejected(String reason) implements ObservationResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public RecordedObservation.Outcome outcome() {
            return RecordedObservation.Outcome.REJECTED;
        }
    }
}
