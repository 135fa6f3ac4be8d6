package dev.sluice.domain.session;

public enum PaymentStatus {
    CREATED,
    PENDING,
    CONFIRMED,
    UNDERPAID,
    OVERPAID,
    FAILED,
    EXPIRED;

    public boolean isTerminal() {
        return this == CONFIRMED || this == UNDERPAID || this == OVERPAID || this == FAILED;
    }

    /** The CloudEvents type announcing that a session reached this status. */
    public String eventType() {
        return "deposit." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
