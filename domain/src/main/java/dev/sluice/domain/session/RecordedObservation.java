package dev.sluice.domain.session;

import java.time.Instant;
import java.util.Objects;

/** An observation as stored: which session it was about and what it did to it. */
public record RecordedObservation(SessionId sessionId, Observation observation, Outcome outcome, Instant recordedAt) {

    public enum Outcome {
        /** It moved the session to a new status. */
        APPLIED,
        /** It agreed with what the session already knew. */
        UNCHANGED,
        /** The lifecycle does not allow it; kept so that no report of money is lost. */
        REJECTED
    }

    public RecordedObservation {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
