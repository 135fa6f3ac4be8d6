package dev.sluice.domain.session;

import dev.sluice.domain.shared.Amount;
import java.time.Instant;
import java.util.Objects;

/**
 * A validated report from the chain watcher. {@code txId} is present for DETECTED and
 * CONFIRMED, {@code amountReceived} for CONFIRMED.
 */
public record Observation(
        String observationId,
        ObservationKind kind,
        String txId,
        Amount amountReceived,
        Long confirmations,
        Instant observedAt) {

    public Observation {
        Objects.requireNonNull(observationId, "observationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(observedAt, "observedAt");
        if (kind != ObservationKind.FAILED && txId == null) {
            throw new IllegalArgumentException(kind + " needs a txId");
        }
        if (kind == ObservationKind.CONFIRMED && amountReceived == null) {
            throw new IllegalArgumentException("CONFIRMED needs amountReceived");
        }
    }
}
