package dev.sluice.domain.session;

import dev.sluice.domain.shared.Amount;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One chain transaction paying into a session. It is first seen DETECTED (or straight away
 * CONFIRMED) and ends CONFIRMED, with the amount that counts, or FAILED. {@code amount} is
 * {@code null} while the chain watcher has not said how much it carries.
 */
public record Payment(
        String txId,
        Amount amount,
        long confirmations,
        Status status,
        Instant firstSeenAt,
        Instant confirmedAt) {

    public enum Status {
        DETECTED,
        CONFIRMED,
        FAILED
    }

    public Payment {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations cannot be negative");
        }
        if (status == Status.CONFIRMED && (amount == null || confirmedAt == null)) {
            throw new IllegalArgumentException("a confirmed payment has an amount and a time of confirmation");
        }
    }

    /** The payment a DETECTED or CONFIRMED observation of an unknown {@code txId} starts. */
    static Payment firstSeen(Observation observation) {
        Payment detected = new Payment(observation.txId(), observation.amountReceived(),
                confirmationsOr(observation, 0), Status.DETECTED, observation.observedAt(), null);
        return detected.after(observation).orElseThrow();
    }

    /**
     * This payment after {@code observation} (itself when the observation only repeats what it
     * knows), or empty when a payment cannot do that: confirm again with another amount, fail
     * after it was confirmed, be detected again after it failed. A confirmation of a failed
     * payment counts: the chain has the last word, and money is never ignored.
     */
    Optional<Payment> after(Observation observation) {
        return switch (observation.kind()) {
            case DETECTED -> switch (status) {
                case DETECTED -> Optional.of(new Payment(txId,
                        observation.amountReceived() != null ? observation.amountReceived() : amount,
                        confirmationsOr(observation, confirmations), Status.DETECTED, firstSeenAt, null));
                case CONFIRMED -> Optional.of(this);
                case FAILED -> Optional.empty();
            };
            case CONFIRMED -> switch (status) {
                case DETECTED, FAILED -> Optional.of(new Payment(txId, observation.amountReceived(),
                        confirmationsOr(observation, confirmations), Status.CONFIRMED, firstSeenAt,
                        observation.observedAt()));
                case CONFIRMED -> amount.numericallyEquals(observation.amountReceived())
                        ? Optional.of(new Payment(txId, amount, confirmationsOr(observation, confirmations),
                                Status.CONFIRMED, firstSeenAt, confirmedAt))
                        : Optional.empty();
            };
            case FAILED -> switch (status) {
                case DETECTED -> Optional.of(failed());
                case FAILED -> Optional.of(this);
                case CONFIRMED -> Optional.empty();
            };
        };
    }

    Payment failed() {
        return new Payment(txId, amount, confirmations, Status.FAILED, firstSeenAt, null);
    }

    /** What this payment adds to the session's total: its amount once confirmed, else nothing. */
    BigDecimal counted() {
        return status == Status.CONFIRMED ? amount.value() : BigDecimal.ZERO;
    }

    private static long confirmationsOr(Observation observation, long otherwise) {
        return observation.confirmations() != null ? observation.confirmations() : otherwise;
    }
}
