package dev.sluice.domain.session;

/** A session's status, as {@link Lifecycle#RULES} derive it from its payments and its clock. */
public enum PaymentStatus {
    CREATED,
    PENDING,
    CONFIRMED,
    UNDERPAID,
    OVERPAID,
    FAILED,
    EXPIRED;

    /** The CloudEvents type announcing that a session is in this status. */
    public String eventType() {
        return "deposit." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
