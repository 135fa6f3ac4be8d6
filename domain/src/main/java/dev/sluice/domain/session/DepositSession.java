package dev.sluice.domain.session;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's attempt to pay through a widget: an amount of a currency on a network to a
 * deposit address within a time limit, and the chain transactions ({@link Payment}s) that paid
 * into it. Its status is always what {@link Lifecycle#RULES} make of its payments and its clock;
 * every behaviour returns the {@link Change} it made, with one event whenever the status or the
 * amount received changed.
 */
public final class DepositSession {
    private final SessionId id;
    private final WidgetId widgetId;
    private final BusinessId businessId;
    private final Terms terms;
    private final PaymentStatus status;
    private final List<Payment> payments;
    private final boolean latePayment;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final Instant confirmedAt;
    private final Instant cancelledAt;
    private final long lastSequence;
    private final long version;

    /**
     * What the customer was asked to pay and how the widget was set up for it, fixed at creation:
     * a later change of the widget does not move existing sessions.
     */
    public record Terms(
            Amount amount,
            String currency,
            String network,
            String currencyAddress,
            String depositAddress,
            String customerEmail,
            String customerReference,
            Metadata metadata,
            Amount paymentTolerancePercent,
            boolean testMode) {
        public Terms {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(currencyAddress, "currencyAddress");
            Objects.requireNonNull(depositAddress, "depositAddress");
            Objects.requireNonNull(paymentTolerancePercent, "paymentTolerancePercent");
        }
    }

    private DepositSession(SessionId id, WidgetId widgetId, BusinessId businessId, Terms terms,
            PaymentStatus status, List<Payment> payments, boolean latePayment,
            Instant createdAt, Instant expiresAt, Instant confirmedAt, Instant cancelledAt,
            long lastSequence, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.widgetId = Objects.requireNonNull(widgetId, "widgetId");
        this.businessId = Objects.requireNonNull(businessId, "businessId");
        this.terms = Objects.requireNonNull(terms, "terms");
        this.status = Objects.requireNonNull(status, "status");
        this.payments = List.copyOf(payments);
        this.latePayment = latePayment;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.confirmedAt = confirmedAt;
        this.cancelledAt = cancelledAt;
        this.lastSequence = lastSequence;
        this.version = version;
    }

    /**
     * Opens a session on {@code widget}, due to expire after the widget's {@code sessionTtl} and
     * confirming within its {@code paymentTolerancePercent}, after checking every rule of the
     * request; throws {@code validation_failed} with all violations, including
     * {@code alreadyFound} (see {@link SessionRules#check}).
     */
    public static Change create(SessionId id, Widget widget, SessionDraft draft,
            List<Violation> alreadyFound, Instant now) {
        Terms terms = SessionRules.check(widget.settings(), draft, alreadyFound);
        DepositSession session = new DepositSession(id, widget.id(), widget.businessId(), terms,
                PaymentStatus.CREATED, List.of(), false, now, now.plus(widget.settings().sessionTtl()), null, null,
                0, 0);
        return session.emit(null, now);
    }

    /** A stored session; {@code payments} oldest first. */
    public static DepositSession restore(SessionId id, WidgetId widgetId, BusinessId businessId, Terms terms,
            PaymentStatus status, List<Payment> payments, boolean latePayment,
            Instant createdAt, Instant expiresAt, Instant confirmedAt, Instant cancelledAt,
            long lastSequence, long version) {
        return new DepositSession(id, widgetId, businessId, terms, status, payments, latePayment,
                createdAt, expiresAt, confirmedAt, cancelledAt, lastSequence, version);
    }

    /** True while the session is CREATED and its time is up: readers must never see it CREATED. */
    public boolean isDueForExpiry(Instant now) {
        return status == PaymentStatus.CREATED && !now.isBefore(expiresAt);
    }

    /** Expires the session when its time is up; no change otherwise. */
    public Change expireIfDue(Instant now) {
        if (!isDueForExpiry(now)) {
            return Change.none(this);
        }
        return settle(payments, latePayment, cancelledAt, now);
    }

    /**
     * The customer gave up: only a CREATED or PENDING session can be cancelled. The payments seen
     * so far are set aside (their confirmation still counts).
     */
    public Change cancel(Instant now) {
        if (isDueForExpiry(now) || (status != PaymentStatus.CREATED && status != PaymentStatus.PENDING)) {
            throw new DomainException(ErrorCode.CANNOT_CANCEL, "a " + statusAt(now) + " session cannot be cancelled");
        }
        return settle(payments, latePayment, now, now);
    }

    /**
     * Applies a chain watcher's report to the payment it names by {@code txId}: an unknown txId is
     * a new payment (DETECTED, or straight away CONFIRMED), whatever the session's status, so no
     * money is ignored; one first seen after {@code expiresAt} or after a cancel is a late payment.
     * FAILED without a txId fails every DETECTED payment. A CREATED session whose time was up is
     * expired first, with its own event. A report that changes no payment is
     * {@link ObservationResult.Unchanged}; what a payment cannot do (see {@link Payment}), and
     * FAILED for an unknown txId, is {@link ObservationResult.Rejected}.
     */
    public ObservationResult observe(Observation observation, Instant now) {
        Change expired = expireIfDue(now);
        return switch (expired.session().observeInTime(observation, now)) {
            case ObservationResult.Applied applied -> new ObservationResult.Applied(new Change(
                    applied.change().session(), concat(expired.events(), applied.change().events()), true));
            case ObservationResult.Unchanged unchanged -> unchanged;
            case ObservationResult.Rejected rejected -> rejected;
        };
    }

    private ObservationResult observeInTime(Observation observation, Instant now) {
        if (observation.txId() == null) {
            return failEveryDetectedPayment(now);
        }
        Optional<Payment> known = payment(observation.txId());
        if (known.isEmpty()) {
            if (observation.kind() == ObservationKind.FAILED) {
                return new ObservationResult.Rejected("no payment of this session has txId " + observation.txId());
            }
            Payment seen = Payment.firstSeen(observation);
            List<Payment> more = new ArrayList<>(payments);
            more.add(seen);
            return new ObservationResult.Applied(settle(more, latePayment || isLate(seen), cancelledAt, now));
        }
        Payment before = known.get();
        return before.after(observation)
                .<ObservationResult>map(after -> after.equals(before) ? new ObservationResult.Unchanged()
                        : new ObservationResult.Applied(settle(replace(before, after), latePayment, cancelledAt, now)))
                .orElseGet(() -> new ObservationResult.Rejected("payment " + before.txId() + " is "
                        + before.status() + " and cannot take a " + observation.kind() + " observation"
                        + (before.status() == Payment.Status.CONFIRMED ? " with another amount" : "")));
    }

    private ObservationResult failEveryDetectedPayment(Instant now) {
        List<Payment> failed = payments.stream()
                .map(p -> p.status() == Payment.Status.DETECTED ? p.failed() : p)
                .toList();
        if (!failed.equals(payments)) {
            return new ObservationResult.Applied(settle(failed, latePayment, cancelledAt, now));
        }
        boolean everyOneFailed = !payments.isEmpty()
                && payments.stream().allMatch(p -> p.status() == Payment.Status.FAILED);
        return everyOneFailed ? new ObservationResult.Unchanged()
                : new ObservationResult.Rejected("no payment of this session is waiting for confirmation");
    }

    private boolean isLate(Payment payment) {
        return !payment.firstSeenAt().isBefore(expiresAt)
                || (cancelledAt != null && payment.firstSeenAt().isAfter(cancelledAt));
    }

    private List<Payment> replace(Payment before, Payment after) {
        return payments.stream().map(p -> p.txId().equals(before.txId()) ? after : p).toList();
    }

    /**
     * The session with these payments and this cancel, its status derived anew at {@code now};
     * one event when the status or the amount received moved.
     */
    private Change settle(List<Payment> newPayments, boolean newLate, Instant newCancelledAt, Instant now) {
        PaymentStatus to = Lifecycle.statusOf(facts(newPayments, newCancelledAt, now));
        boolean paid = to == PaymentStatus.CONFIRMED || to == PaymentStatus.OVERPAID;
        DepositSession next = new DepositSession(id, widgetId, businessId, terms, to, newPayments, newLate,
                createdAt, expiresAt, confirmedAt == null && paid ? now : confirmedAt, newCancelledAt,
                lastSequence, version);
        if (to == status && Objects.equals(next.amountReceived(), amountReceived())) {
            return new Change(next, List.of(), true);
        }
        return next.emit(status, now);
    }

    private Lifecycle.Facts facts(List<Payment> of, Instant cancelled, Instant now) {
        return new Lifecycle.Facts(terms.amount().value(), terms.paymentTolerancePercent().value(), of, cancelled,
                !now.isBefore(expiresAt));
    }

    /** The status {@link Lifecycle#RULES} give at {@code now}: only the clock can have moved it. */
    public PaymentStatus statusAt(Instant now) {
        return Lifecycle.statusOf(facts(payments, cancelledAt, now));
    }

    /**
     * This session as it was created, for an idempotent replay that must answer exactly what the
     * first request answered, whatever happened to the session since.
     */
    public DepositSession asCreated() {
        return new DepositSession(id, widgetId, businessId, terms, PaymentStatus.CREATED, List.of(), false,
                createdAt, expiresAt, null, null, 1, version);
    }

    private static List<SessionEvent> concat(List<SessionEvent> first, List<SessionEvent> second) {
        List<SessionEvent> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Change emit(PaymentStatus previous, Instant now) {
        DepositSession numbered = new DepositSession(id, widgetId, businessId, terms, status, payments,
                latePayment, createdAt, expiresAt, confirmedAt, cancelledAt, lastSequence + 1, version);
        SessionEvent event = new SessionEvent(EventId.generate(), numbered.lastSequence, previous, now, numbered);
        return new Change(numbered, List.of(event), true);
    }

    private Optional<Payment> payment(String txId) {
        return payments.stream().filter(p -> p.txId().equals(txId)).findFirst();
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

    /** Every transaction seen for the session, oldest first. */
    public List<Payment> payments() {
        return payments;
    }

    /** The first payment's transaction; {@code null} until one is seen. */
    public String txId() {
        return payments.isEmpty() ? null : payments.getFirst().txId();
    }

    /** The sum of the confirmed payments, exactly; {@code null} while none is confirmed. */
    public BigDecimal amountReceived() {
        return payments.stream()
                .filter(p -> p.status() == Payment.Status.CONFIRMED)
                .map(Payment::counted)
                .reduce(BigDecimal::add)
                .orElse(null);
    }

    /**
     * What is still to pay: amount − amount received, exactly (100.50 − 60 is 40.50), and plain
     * zero once nothing is due.
     */
    public BigDecimal amountDue() {
        BigDecimal received = amountReceived() == null ? BigDecimal.ZERO : amountReceived();
        BigDecimal due = terms.amount().value().subtract(received);
        return due.signum() > 0 ? due : BigDecimal.ZERO;
    }

    public boolean latePayment() {
        return latePayment;
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    public boolean testMode() {
        return terms.testMode();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** When the status first became CONFIRMED or OVERPAID. */
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
