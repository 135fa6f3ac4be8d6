package dev.sluice.domain.session;

import java.time.Instant;
import java.util.Objects;

/** An observation as stored: which session it was about and what it did to it. */
public record RecordedObservation(SessionId sessionId, Observation observation, Outcome outcome, Instant recordedAt) {

    public enum Outcome {
        /** It changed a payment of the session (a new one, its confirmations, its confirmation or failure). */
        APPLIED,
        /** It agreed with what the payment already showed. */
        UNCHANGED,
        /** A payment cannot do that; kept so that no report of money is lost. */
        REJECTED
    }

    public RecordedObservation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
