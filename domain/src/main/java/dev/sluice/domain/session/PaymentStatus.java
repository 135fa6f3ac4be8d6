package dev.sluice.domain.session;

public enum PaymentStatus {
    CREATED,
    PENDING,
    CONFIRMED,
    UNDERPAID,
    OVERPAID,
    FAILED,
    EXPIRED;

    /** Whether the lifecycle table leads nowhere from this status. */
    public boolean isTerminal() {
        return Lifecycle.leadsNowhereFrom(this);
    }

    /** The CloudEvents type announcing that a session reached this status. */
    public String eventType() {
        return "deposit." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
