package dev.sluice.domain.session;

import static dev.sluice.domain.session.PaymentStatus.CONFIRMED;
import static dev.sluice.domain.session.PaymentStatus.CREATED;
import static dev.sluice.domain.session.PaymentStatus.EXPIRED;
import static dev.sluice.domain.session.PaymentStatus.FAILED;
import static dev.sluice.domain.session.PaymentStatus.OVERPAID;
import static dev.sluice.domain.session.PaymentStatus.PENDING;
import static dev.sluice.domain.session.PaymentStatus.UNDERPAID;
import static dev.sluice.domain.session.Trigger.CANCEL;
import static dev.sluice.domain.session.Trigger.CONFIRM_EXACT;
import static dev.sluice.domain.session.Trigger.CONFIRM_OVER;
import static dev.sluice.domain.session.Trigger.CONFIRM_SHORT;
import static dev.sluice.domain.session.Trigger.DETECT;
import static dev.sluice.domain.session.Trigger.EXPIRE;
import static dev.sluice.domain.session.Trigger.FAIL;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole deposit-session lifecycle of api.md in one table. Anything not listed is not
 * allowed; CONFIRMED, UNDERPAID, OVERPAID and FAILED have no way out.
 */
public final class Lifecycle {

    public record Transition(PaymentStatus from, Trigger trigger, PaymentStatus to) {
    }

    public static final List<Transition> TABLE = List.of(
            new Transition(CREATED, DETECT, PENDING),
            new Transition(CREATED, CONFIRM_EXACT, CONFIRMED),
            new Transition(CREATED, CONFIRM_SHORT, UNDERPAID),
            new Transition(CREATED, CONFIRM_OVER, OVERPAID),
            new Transition(CREATED, EXPIRE, EXPIRED),
            new Transition(CREATED, CANCEL, EXPIRED),

            new Transition(PENDING, CONFIRM_EXACT, CONFIRMED),
            new Transition(PENDING, CONFIRM_SHORT, UNDERPAID),
            new Transition(PENDING, CONFIRM_OVER, OVERPAID),
            new Transition(PENDING, FAIL, FAILED),
            new Transition(PENDING, CANCEL, EXPIRED),

            // Money that arrives after expiry reopens the session as a late payment.
            new Transition(EXPIRED, DETECT, PENDING),
            new Transition(EXPIRED, CONFIRM_EXACT, CONFIRMED),
            new Transition(EXPIRED, CONFIRM_SHORT, UNDERPAID),
            new Transition(EXPIRED, CONFIRM_OVER, OVERPAID));

    private static final Map<PaymentStatus, Map<Trigger, PaymentStatus>> BY_STATUS = index();

    private Lifecycle() {
    }

    /** Where {@code trigger} leads from {@code from}, or empty when the lifecycle forbids it. */
    public static Optional<PaymentStatus> next(PaymentStatus from, Trigger trigger) {
        return Optional.ofNullable(BY_STATUS.get(from).get(trigger));
    }

    /** True when no transition of the table starts at {@code status}. */
    static boolean leadsNowhereFrom(PaymentStatus status) {
        return BY_STATUS.get(status).isEmpty();
    }

    private static Map<PaymentStatus, Map<Trigger, PaymentStatus>> index() {
        Map<PaymentStatus, Map<Trigger, PaymentStatus>> index = new EnumMap<>(PaymentStatus.class);
        for (PaymentStatus status : PaymentStatus.values()) {
            index.put(status, new EnumMap<>(Trigger.class));
        }
        for (Transition t : TABLE) {
            if (index.get(t.from()).put(t.trigger(), t.to()) != null) {
                throw new IllegalStateException("two transitions for " + t.from() + " on " + t.trigger());
            }
        }
        return index;
    }
}
