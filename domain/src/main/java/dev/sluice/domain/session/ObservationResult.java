package dev.sluice.domain.session;

import java.util.Objects;

/** What an observation did to a session, as {@link DepositSession#observe} decides it. */
public sealed interface ObservationResult {

    /** How the observation is stored. */
    RecordedObservation.Outcome outcome();

    /**
     * The observation changed a payment; {@code change} carries an event when the status or the
     * amount received moved (and the expiry's first, when the session was due).
     */
    record Applied(Change change) implements ObservationResult {
        public Applied {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public RecordedObservation.Outcome outcome() {
            return RecordedObservation.Outcome.APPLIED;
        }
    }

    /** The observation only repeats what the payment it names already shows. */
    record Unchanged() implements ObservationResult {
        @Override
        public RecordedObservation.Outcome outcome() {
            return RecordedObservation.Outcome.UNCHANGED;
        }
    }

    /** A payment cannot do that (see {@link Payment}); the session stays as it was. */
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
