package dev.sluice.application.contract;

import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetRules;
import dev.sluice.domain.widget.WidgetSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fresh widgets and sessions for each port contract test. A database is shared by every test and
 * every run, so each test works on ids of its own, and tests that sweep a whole table (expiry, outbox
 * claims) date their rows in a past epoch of their own: outbox claims 1800 and 1850, expiry 1950
 * and 1981. A claim orders by age, so the oldest epoch's rows come first.
 */
public final class StoreFixtures {
    /** The session lifetime of the widgets made here. */
    public static final Duration TTL = Duration.ofMinutes(45);

    private StoreFixtures() {
    }

    public static BusinessId newBusiness() {
        return new BusinessId(RandomTokens.id("biz_"));
    }

    public static WidgetSettings settings(String name) {
        return WidgetRules.create(WidgetDraft.builder()
                .set(WidgetField.NAME, name)
                .set(WidgetField.MODE, "CUSTOMER_AMOUNT")
                .set(WidgetField.MIN_AMOUNT, "1")
                .set(WidgetField.MAX_AMOUNT, "1000.000000000000000001")
                .set(WidgetField.ALLOWED_NETWORKS, List.of("polygon", "ethereum"))
                .set(WidgetField.ALLOWED_CURRENCIES, List.of("USDC"))
                .set(WidgetField.ALLOWED_DOMAINS, List.of("shop.example.com", "*.example.org"))
                .set(WidgetField.ALLOWED_METHODS, List.of("wallet"))
                .set(WidgetField.SUCCESS_URL, "https://shop.example.com/ok")
                .set(WidgetField.DEFAULT_CURRENCY, "USDC")
                .set(WidgetField.DEFAULT_CURRENCY_ADDRESS, "0x2791")
                .set(WidgetField.DEFAULT_NETWORK, "polygon")
                .set(WidgetField.METADATA_SCHEMA, "{\"type\":\"object\"}")
                .set(WidgetField.RENDER_MODE, "POPUP")
                .set(WidgetField.COLOR, "#112233FF")
                .set(WidgetField.EMOJI, "💸")
                .set(WidgetField.SESSION_TTL, "PT45M")
                .set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "0.5")
                .set(WidgetField.TEST_MODE, true)
                .build(), List.of());
    }

    public static Widget storedWidget(StorePorts db, BusinessId business, Instant now) {
        Widget widget = Widget.create(business, settings("Shop"), now).widget();
        db.widgets().add(widget);
        return widget;
    }

    public static Change newSession(Widget widget, Instant now) {
        SessionDraft draft = new SessionDraft("100.50", "USDC", "polygon", "0x2791", "0xMerchantÄddress", null,
                "order_12345", "{\"orderId\":\"A1\",\"note\":\"日本\"}");
        return DepositSession.create(SessionId.generate(), widget, draft, List.of(), now);
    }

    /** A new session (without its event) that expires {@code ttl} after {@code now}, longer than any widget allows. */
    public static DepositSession newSession(Widget widget, Instant now, Duration ttl) {
        DepositSession s = newSession(widget, now).session();
        return DepositSession.restore(s.id(), s.widgetId(), s.businessId(), s.terms(), s.status(), s.payments(),
                s.latePayment(), s.createdAt(), s.createdAt().plus(ttl), s.confirmedAt(),
                s.cancelledAt(), s.lastSequence(), s.version());
    }

    /** A new session stored with its creation event, as the create-session use case does. */
    public static Change storedSession(StorePorts db, Widget widget, Instant now) {
        Change change = newSession(widget, now);
        db.unitOfWork().inTransaction(() -> {
            db.depositSessions().add(change.session());
            db.outbox().append(change.events());
            return null;
        });
        return change;
    }

    /** Everything a session holds, comparable with equals (the aggregate has identity semantics). */
    public static List<Object> state(DepositSession s) {
        return Arrays.asList(s.id(), s.widgetId(), s.businessId(), s.terms(), s.status(), s.payments(),
                s.amountReceived(), s.latePayment(), s.createdAt(), s.expiresAt(), s.confirmedAt(), s.cancelledAt(),
                s.lastSequence());
    }

    /** Everything an event holds, the session right after it included. */
    public static List<List<Object>> states(List<SessionEvent> events) {
        return events.stream().map(e -> {
            List<Object> state = new ArrayList<>(List.of(e.id(), e.sequence(), e.occurredAt()));
            state.add(e.previousStatus());
            state.addAll(state(e.session()));
            return state;
        }).toList();
    }

    /** Applies a change made to a session read at its stored version, with its events. */
    public static void store(StorePorts db, Change change) {
        db.unitOfWork().inTransaction(() -> {
            db.depositSessions().update(change.session());
            db.outbox().append(change.events());
            return null;
        });
    }

    /** Claims and expires every due session up to {@code now}, as the sweep does; returns the claimed ids. */
    public static List<SessionId> expireDue(StorePorts db, Instant now) {
        return db.unitOfWork().inTransaction(() -> {
            List<DepositSession> due = db.depositSessions().claimDueForExpiry(now, 1000);
            due.forEach(session -> {
                Change change = session.expireIfDue(now);
                db.depositSessions().update(change.session());
                db.outbox().append(change.events());
            });
            return due.stream().map(DepositSession::id).toList();
        });
    }
}
