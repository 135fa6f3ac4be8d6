package dev.sluice.domain.session;

import static dev.sluice.domain.session.PaymentStatus.CONFIRMED;
import static dev.sluice.domain.session.PaymentStatus.CREATED;
import static dev.sluice.domain.session.PaymentStatus.EXPIRED;
import static dev.sluice.domain.session.PaymentStatus.FAILED;
import static dev.sluice.domain.session.PaymentStatus.OVERPAID;
import static dev.sluice.domain.session.PaymentStatus.PENDING;
import static dev.sluice.domain.session.PaymentStatus.UNDERPAID;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The deposit-session lifecycle of api.md in one table: a session's status is the status of the
 * first rule that holds for its payments and its clock. Nothing else sets a status.
 */
public final class Lifecycle {

    /**
     * What a status is decided from: the amount asked, the tolerance (percent) it was created
     * with, every payment, the cancel, and whether {@code expiresAt} has passed.
     */
    public record Facts(BigDecimal amount, BigDecimal tolerancePercent, List<Payment> payments,
            Instant cancelledAt, boolean expired) {
        public Facts {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(tolerancePercent, "tolerancePercent");
            payments = List.copyOf(payments);
        }

        /** The sum of the confirmed payments, exactly. */
        public BigDecimal total() {
            return payments.stream().map(Payment::counted).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** amount × (1 − tolerance / 100), exactly: a division by 100 only moves the decimal point. */
        BigDecimal enoughToConfirm() {
            return amount.multiply(BigDecimal.ONE.subtract(tolerancePercent.movePointLeft(2)));
        }

        boolean awaitsConfirmationSinceLastCancel() {
            return payments.stream().anyMatch(p -> p.status() == Payment.Status.DETECTED
                    && (cancelledAt == null || p.firstSeenAt().isAfter(cancelledAt)));
        }

        boolean everyPaymentFailed() {
            return !payments.isEmpty() && payments.stream().allMatch(p -> p.status() == Payment.Status.FAILED);
        }
    }

    public record Rule(String condition, Predicate<Facts> holds, PaymentStatus status) {
    }

    public static final List<Rule> RULES = List.of(
            new Rule("total > amount", f -> f.total().compareTo(f.amount()) > 0, OVERPAID),
            new Rule("total ≥ amount × (1 − tolerance / 100)",
                    f -> f.total().compareTo(f.enoughToConfirm()) >= 0, CONFIRMED),
            new Rule("a payment is DETECTED and no cancel came after it was first seen",
                    Facts::awaitsConfirmationSinceLastCancel, PENDING),
            new Rule("total > 0", f -> f.total().signum() > 0, UNDERPAID),
            new Rule("it has payments and every one FAILED", Facts::everyPaymentFailed, FAILED),
            new Rule("it was cancelled, or expiresAt has passed", f -> f.cancelledAt() != null || f.expired(), EXPIRED),
            new Rule("otherwise", f -> true, CREATED));

    private Lifecycle() {
    }

    /** The status of the first rule that holds. */
    public static PaymentStatus statusOf(Facts facts) {
        return RULES.stream().filter(rule -> rule.holds().test(facts)).findFirst().orElseThrow().status();
    }
}
