package dev.sluice.adapters.webhooks;

import dev.sluice.application.fakes.InMemoryOutbox;
import dev.sluice.application.fakes.InMemoryPorts;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Committed events as the sink reads them: each commit appends a session's next event to the
 * shared in-memory outbox (application's fakes), whose committed events are positioned in commit order.
 */
final class SessionEvents implements CommittedEvents {
    private final InMemoryOutbox outbox = InMemoryPorts.lenient(InstantSource.system()).outbox();

    /** Commits the next event of {@code session} (sequence 1 is deposit.created, then pending, confirmed). */
    SessionEvent commit(BusinessId business, SessionId session, int sequence, Instant at) {
        PaymentStatus status = switch (sequence) {
            case 1 -> PaymentStatus.CREATED;
            case 2 -> PaymentStatus.PENDING;
            default -> PaymentStatus.CONFIRMED;
        };
        PaymentStatus previous = sequence == 1 ? null : sequence == 2 ? PaymentStatus.CREATED : PaymentStatus.PENDING;
        DepositSession.Terms terms = new DepositSession.Terms(new Amount("100"), "USDC", "polygon",
                "0x2791bca1f2de4661ed88a30c99a7a9449aa84174", "0xMerchant", null, "order_1", null, new Amount("0"), false);
        List<Payment> payments = sequence == 1 ? List.of()
                : List.of(new Payment("0xabc", null, 1, Payment.Status.DETECTED, at, null));
        DepositSession restored = DepositSession.restore(session, WidgetId.generate(), business, terms, status,
                payments, false, at, at.plus(Duration.ofMinutes(30)), null, null, sequence, 0);
        SessionEvent event = new SessionEvent(EventId.generate(), sequence, previous, at, restored);
        outbox.append(List.of(event));
        return event;
    }

    @Override
    public List<Positioned> after(long position, int limit) {
        return outbox.after(position, limit);
    }

    @Override
    public long latestPosition() {
        return outbox.latestPosition();
    }
}
