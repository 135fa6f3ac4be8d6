package dev.sluice.domain.session;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A customer's attempt to pay through a widget: an amount of a currency on a network to a
 * deposit address within a time limit. Every behaviour returns the {@link Change} it made,
 * with one event per status change; the status moves only along {@link Lifecycle#TABLE}.
 */
public final class DepositSession {
    private final SessionId id;
    private final WidgetId widgetId;
    private final BusinessId businessId;
    private final Terms terms;
    private final PaymentStatus status;
    private final String txId;
    private final Amount amountReceived;
    private final boolean latePayment;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final Instant confirmedAt;
    private final Instant cancelledAt;
    private final long lastSequence;
    private final long version;

    /** What the customer was asked to pay, fixed at creation. */
    public record Terms(
            Amount amount,
            String currency,
            String network,
            String currencyAddress,
            String depositAddress,
            String customerEmail,
            String customerReference,
            Metadata metadata) {
        public Terms {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(currencyAddress, "currencyAddress");
            Objects.requireNonNull(depositAddress, "depositAddress");
        }
    }

    private DepositSession(SessionId id, WidgetId widgetId, BusinessId businessId, Terms terms,
            PaymentStatus status, String txId, Amount amountReceived, boolean latePayment,
            Instant createdAt, Instant expiresAt, Instant confirmedAt, Instant cancelledAt,
            long lastSequence, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.widgetId = Objects.requireNonNull(widgetId, "widgetId");
        this.businessId = Objects.requireNonNull(businessId, "businessId");
        this.terms = Objects.requireNonNull(terms, "terms");
        this.status = Objects.requireNonNull(status, "status");
        this.txId = txId;
        this.amountReceived = amountReceived;
        this.latePayment = latePayment;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.confirmedAt = confirmedAt;
        this.cancelledAt = cancelledAt;
        this.lastSequence = lastSequence;
        this.version = version;
    }

    /**
     * Opens a session on {@code widget}, due to expire after the widget's {@code sessionTtl}, after
     * checking every rule of the request; throws {@code validation_failed} with all violations,
     * including {@code alreadyFound} (see {@link SessionRules#check}).
     */
    public static Change create(SessionId id, Widget widget, SessionDraft draft,
            List<Violation> alreadyFound, Instant now) {
        Terms terms = SessionRules.check(widget.settings(), draft, alreadyFound);
        DepositSession session = new DepositSession(id, widget.id(), widget.businessId(), terms,
                PaymentStatus.CREATED, null, null, false, now, now.plus(widget.settings().sessionTtl()), null, null,
                0, 0);
        return session.emit(null, now);
    }

    public static DepositSession restore(SessionId id, WidgetId widgetId, BusinessId businessId, Terms terms,
            PaymentStatus status, String txId, Amount amountReceived, boolean latePayment,
            Instant createdAt, Instant expiresAt, Instant confirmedAt, Instant cancelledAt,
            long lastSequence, long version) {
        return new DepositSession(id, widgetId, businessId, terms, status, txId, amountReceived, latePayment,
                createdAt, expiresAt, confirmedAt, cancelledAt, lastSequence, version);
    }

    /** True while the session is CREATED and its time is up: readers must never see it CREATED. */
    public boolean isDueForExpiry(Instant now) {
        return status == PaymentStatus.CREATED && !now.isBefore(expiresAt);
    }

    /** Expires the session when its time is up; no change otherwise. */
    public Change expireIfDue(Instant now) {
        if (!isDueForExpiry(now)) {
            return new Change(this, List.of());
        }
        return moveTo(Lifecycle.next(status, Trigger.EXPIRE).orElseThrow(), now,
                txId, amountReceived, latePayment, confirmedAt, cancelledAt);
    }

    /** The customer gave up: only CREATED and PENDING sessions can be cancelled. */
    public Change cancel(Instant now) {
        PaymentStatus target = Lifecycle.next(status, Trigger.CANCEL)
                .filter(to -> !isDueForExpiry(now))
                .orElseThrow(() -> new DomainException(ErrorCode.CANNOT_CANCEL,
                        "a " + status + " session cannot be cancelled"));
        return moveTo(target, now, txId, amountReceived, latePayment, confirmedAt, now);
    }

    /**
     * Applies a chain watcher's report. The status moves only along {@link Lifecycle#TABLE}; the
     * observation merely picks the trigger (a confirmation compares the amount received with the
     * amount asked, numerically). Money reported after expiry reopens the session as a late
     * payment; a CREATED session whose time was up when the money was seen is expired first, with
     * its own event. A report that repeats what the session already shows (it is in the status the
     * report leads to, with the same txId and, for a confirmation, the same amount) is
     * {@link ObservationResult.Unchanged}; that includes a repeated confirmation of a session in a
     * terminal status. Anything else the table does not allow, and any txId other than the one
     * the session already knows, is {@link ObservationResult.Rejected}.
     */
    public ObservationResult observe(Observation observation, Instant now) {
        if (!isDueForExpiry(observation.observedAt())) {
            return observeInTime(observation, now);
        }
        Change expired = moveTo(Lifecycle.next(status, Trigger.EXPIRE).orElseThrow(), now,
                txId, amountReceived, latePayment, confirmedAt, cancelledAt);
        return switch (expired.session().observeInTime(observation, now)) {
            case ObservationResult.Applied applied -> new ObservationResult.Applied(new Change(
                    applied.change().session(), concat(expired.events(), applied.change().events())));
            case ObservationResult.Unchanged unchanged -> unchanged;
            case ObservationResult.Rejected rejected -> rejected;
        };
    }

    private ObservationResult observeInTime(Observation observation, Instant now) {
        if (txId != null && observation.txId() != null && !txId.equals(observation.txId())) {
            return new ObservationResult.Rejected("a second txId: the session is paid by transaction " + txId);
        }
        Trigger trigger = triggerFor(observation);
        if (repeats(observation, trigger)) {
            return new ObservationResult.Unchanged();
        }
        return Lifecycle.next(status, trigger)
                .<ObservationResult>map(to -> new ObservationResult.Applied(moveTo(to, now,
                        observation.txId() != null ? observation.txId() : txId,
                        observation.kind() == ObservationKind.CONFIRMED ? observation.amountReceived() : amountReceived,
                        latePayment || status == PaymentStatus.EXPIRED,
                        observation.kind() == ObservationKind.CONFIRMED ? now : confirmedAt,
                        cancelledAt)))
                .orElseGet(() -> new ObservationResult.Rejected(
                        "a " + status + " session cannot take a " + observation.kind() + " observation"));
    }

    private Trigger triggerFor(Observation observation) {
        return switch (observation.kind()) {
            case DETECTED -> Trigger.DETECT;
            case FAILED -> Trigger.FAIL;
            case CONFIRMED -> switch (Integer.signum(observation.amountReceived().compareTo(terms.amount()))) {
                case 0 -> Trigger.CONFIRM_EXACT;
                case -1 -> Trigger.CONFIRM_SHORT;
                default -> Trigger.CONFIRM_OVER;
            };
        };
    }

    private boolean repeats(Observation observation, Trigger trigger) {
        boolean alreadyThere = Lifecycle.TABLE.stream().anyMatch(t -> t.trigger() == trigger && t.to() == status);
        boolean sameTx = observation.txId() == null || observation.txId().equals(txId);
        boolean sameAmount = observation.kind() != ObservationKind.CONFIRMED
                || (amountReceived != null && observation.amountReceived().numericallyEquals(amountReceived));
        return alreadyThere && sameTx && sameAmount;
    }

    /**
     * This session as it was created, for an idempotent replay that must answer exactly what the
     * first request answered, whatever happened to the session since.
     */
    public DepositSession asCreated() {
        return new DepositSession(id, widgetId, businessId, terms, PaymentStatus.CREATED, null, null, false,
                createdAt, expiresAt, null, null, 1, version);
    }

    private static List<SessionEvent> concat(List<SessionEvent> first, List<SessionEvent> second) {
        List<SessionEvent> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Change moveTo(PaymentStatus to, Instant now, String newTxId, Amount newReceived,
            boolean newLate, Instant newConfirmedAt, Instant newCancelledAt) {
        DepositSession next = new DepositSession(id, widgetId, businessId, terms, to, newTxId, newReceived,
                newLate, createdAt, expiresAt, newConfirmedAt, newCancelledAt, lastSequence, version);
        return next.emit(status, now);
    }

    private Change emit(PaymentStatus previous, Instant now) {
        DepositSession numbered = new DepositSession(id, widgetId, businessId, terms, status, txId,
                amountReceived, latePayment, createdAt, expiresAt, confirmedAt, cancelledAt,
                lastSequence + 1, version);
        SessionEvent event = new SessionEvent(EventId.generate(), numbered.lastSequence, previous, now, numbered);
        return new Change(numbered, List.of(event));
    }

    public SessionId id() {
        return id;
    }

    public WidgetId widgetId() {
        return widgetId;
    }

    public BusinessId businessId() {
        return businessId;
    }

    public Terms terms() {
        return terms;
    }

    public PaymentStatus status() {
        return status;
    }

    /** The chain transaction that paid into the session; {@code null} until PENDING. */
    public String txId() {
        return txId;
    }

    public Amount amountReceived() {
        return amountReceived;
    }

    public boolean latePayment() {
        return latePayment;
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    /** The sequence number of this session's latest event. */
    public long lastSequence() {
        return lastSequence;
    }

    /** The stored version this state was read at, for optimistic locking. */
    public long version() {
        return version;
    }
}
