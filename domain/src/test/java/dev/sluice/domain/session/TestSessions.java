package dev.sluice.domain.session;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDrafts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sessions for 100 USDC created at {@link #CREATED_AT}, expiring 30 minutes later, in any state. */
public final class TestSessions {
    public static final Instant CREATED_AT = Instant.parse("2026-06-09T12:00:00.000Z");
    public static final Duration TTL = Duration.ofMinutes(30);
    public static final Instant EXPIRES_AT = CREATED_AT.plus(TTL);
    public static final Widget WIDGET = WidgetDrafts.valid().widget(new BusinessId("biz_1"));

    private TestSessions() {
    }

    public static DepositSession created() {
        return DepositSession.create(SessionId.generate(), WIDGET,
                SessionDrafts.valid().with(d -> d.amount = "100").build(), List.of(), CREATED_AT).session();
    }

    /** A session that reached {@code status} through earlier events ({@code lastSequence} 3). */
    public static DepositSession in(PaymentStatus status, String txId, String amountReceived) {
        DepositSession fresh = created();
        return DepositSession.restore(fresh.id(), fresh.widgetId(), fresh.businessId(), fresh.terms(), status, txId,
                amountReceived == null ? null : new Amount(amountReceived), false, CREATED_AT, EXPIRES_AT,
                amountReceived == null ? null : CREATED_AT.plusSeconds(60), null, 3, 7);
    }

    public static Observation observation(ObservationKind kind, String txId, String amountReceived, Instant observedAt) {
        return new Observation("obs_" + System.nanoTime(), kind, txId,
                amountReceived == null ? null : new Amount(amountReceived), 1L, observedAt);
    }
}
