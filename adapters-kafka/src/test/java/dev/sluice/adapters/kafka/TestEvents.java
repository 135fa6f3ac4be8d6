package dev.sluice.adapters.kafka;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sessions and their events as the domain would have produced them. */
final class TestEvents {
    static final WidgetId WIDGET = new WidgetId("wdgt_0123456789abcdef0123456789abcdef");
    static final BusinessId BUSINESS = new BusinessId("biz_demo");
    static final Instant CREATED_AT = Instant.parse("2026-06-09T12:00:00Z");
    static final String TX = "0xabc123";

    private TestEvents() {
    }

    static DepositSession session(SessionId id, PaymentStatus status, long sequence) {
        return session(id, status, sequence, new Metadata("{\"orderId\":\"A1\"}"));
    }

    /**
     * deposit.created and deposit.pending of a session whose stored metadata is no JSON (a row damaged
     * by hand, say): the CloudEvent cannot be rendered.
     */
    static List<SessionEvent> unrenderableSession(SessionId id) {
        Metadata damaged = new Metadata("{orderId: A1}");
        return List.of(
                new SessionEvent(EventId.generate(), 1, null, CREATED_AT, session(id, PaymentStatus.CREATED, 1, damaged)),
                new SessionEvent(EventId.generate(), 2, PaymentStatus.CREATED, CREATED_AT.plusSeconds(60),
                        session(id, PaymentStatus.PENDING, 2, damaged)));
    }

    /** deposit.created of a session with this stored metadata. */
    static SessionEvent createdWith(SessionId id, Metadata metadata) {
        return new SessionEvent(EventId.generate(), 1, null, CREATED_AT, session(id, PaymentStatus.CREATED, 1, metadata));
    }

    private static DepositSession session(SessionId id, PaymentStatus status, long sequence, Metadata metadata) {
        boolean paid = status != PaymentStatus.CREATED;
        boolean confirmed = status == PaymentStatus.CONFIRMED;
        DepositSession.Terms terms = new DepositSession.Terms(new Amount("100.50"), "USDC", "polygon",
                "0x2791bca1f2de4661ed88a30c99a7a9449aa84174", "0xMerchant", null, "order_1", metadata,
                new Amount("0"), false);
        List<Payment> payments = !paid ? List.of() : List.of(confirmed
                ? new Payment(TX, new Amount("100.50"), 12, Payment.Status.CONFIRMED, CREATED_AT.plusSeconds(60),
                        CREATED_AT.plusSeconds(120))
                : new Payment(TX, null, 1, Payment.Status.DETECTED, CREATED_AT.plusSeconds(60), null));
        return DepositSession.restore(id, WIDGET, BUSINESS, terms, status, payments,
                false, CREATED_AT, CREATED_AT.plus(Duration.ofMinutes(30)),
                confirmed ? CREATED_AT.plusSeconds(120) : null, null, sequence, 0);
    }

    /** deposit.created, deposit.pending, deposit.confirmed of one session, sequences 1–3. */
    static List<SessionEvent> paidSession(SessionId id) {
        return List.of(
                new SessionEvent(EventId.generate(), 1, null, CREATED_AT, session(id, PaymentStatus.CREATED, 1)),
                new SessionEvent(EventId.generate(), 2, PaymentStatus.CREATED, CREATED_AT.plusSeconds(60),
                        session(id, PaymentStatus.PENDING, 2)),
                new SessionEvent(EventId.generate(), 3, PaymentStatus.PENDING, CREATED_AT.plusSeconds(120),
                        session(id, PaymentStatus.CONFIRMED, 3)));
    }
}
