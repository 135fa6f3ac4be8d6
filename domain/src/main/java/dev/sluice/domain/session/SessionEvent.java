package dev.sluice.domain.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One status change of one session: {@code session} is the state right after it, {@code
 * sequence} counts the session's events from 1 without gaps, and {@code previousStatus} is
 * {@code null} for the creation.
 */
public record SessionEvent(
        EventId id,
        long sequence,
        PaymentStatus previousStatus,
        Instant occurredAt,
        DepositSession session) {

    public SessionEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(session, "session");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }

    public String type() {
        return session.status().eventType();
    }

    public PaymentStatus status() {
        return session.status();
    }
}
