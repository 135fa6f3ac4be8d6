package dev.sluice.application.contract;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationKind;
import dev.sluice.domain.session.ObservationResult;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

public abstract class DepositSessionsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");
    /** The expiry tests' own past, due for no other test's sessions. */
    private static final Instant EXPIRY_EPOCH = Instant.parse("1981-01-01T00:00:00Z");

    protected abstract StorePorts store();

    private static Change observed(DepositSession session, String kind, String txId, String amount, long confirmations,
            Instant at) {
        Observation observation = new Observation("obs_" + txId + at.toEpochMilli(), ObservationKind.valueOf(kind),
                txId, amount == null ? null : new Amount(amount), confirmations, at);
        return ((ObservationResult.Applied) session.observe(observation, at)).change();
    }

    @Test
    public void storesEveryPaymentOfASessionInTheOrderFirstSeenWithItsEvents() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        DepositSession session = StoreFixtures.storedSession(store(), widget, NOW).session();
        List<SessionEvent> events = new ArrayList<>();
        for (Function<DepositSession, Change> step : List.<Function<DepositSession, Change>>of(
                s -> observed(s, "DETECTED", "0xb", "40", 2, NOW.plusSeconds(1)),
                s -> observed(s, "CONFIRMED", "0xa", "60.51", 12, NOW.plusSeconds(2)),
                s -> observed(s, "DETECTED", "0xb", null, 5, NOW.plusSeconds(3)),
                s -> observed(s, "CONFIRMED", "0xb", "40.000", 7, NOW.plusSeconds(4)))) {
            Change change = step.apply(store().depositSessions().findById(session.id()).orElseThrow());
            StoreFixtures.store(store(), change);
            events.addAll(change.events());
            session = change.session();
        }

        DepositSession found = store().depositSessions().findById(session.id()).orElseThrow();
        assertEquals(StoreFixtures.state(session), StoreFixtures.state(found));
        assertEquals(PaymentStatus.OVERPAID, found.status());
        assertEquals(List.of("0xb", "0xa"), found.payments().stream().map(Payment::txId).toList());
        assertEquals(new Payment("0xb", new Amount("40.000"), 7, Payment.Status.CONFIRMED, NOW.plusSeconds(1),
                NOW.plusSeconds(4)), found.payments().get(0));
        assertEquals("100.510", found.amountReceived().toPlainString());
        assertEquals("0xb", found.txId());
        assertTrue(found.terms().testMode());
        assertEquals("0.5", found.terms().paymentTolerancePercent().text());
        assertEquals(StoreFixtures.state(session),
                StoreFixtures.state(store().depositSessions().findByIdForUpdate(session.id()).orElseThrow()));
        assertEquals(List.of(StoreFixtures.state(session)), store().depositSessions().listByWidget(widget.id(),
                Optional.empty(), 10, Optional.empty()).items().stream().map(StoreFixtures::state).toList());

        store().settle();
        List<SessionEvent> feed = store().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10).items();
        assertEquals(StoreFixtures.states(events), StoreFixtures.states(feed.subList(1, feed.size())),
                "each event keeps the payments as they were right after it");
        assertEquals(List.of(1, 2, 2), feed.subList(1, feed.size()).stream()
                .map(e -> e.session().payments().size()).toList());
    }

    @Test
    public void aSumLongerThanAnyOneAmountIsStoredExactly() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        DepositSession session = StoreFixtures.storedSession(store(), widget, NOW).session();
        String longest = "5.123456789012345678901234567890";
        Change first = observed(session, "CONFIRMED", "0xa", longest, 1, NOW.plusSeconds(1));
        StoreFixtures.store(store(), first);
        Change second = observed(store().depositSessions().findById(session.id()).orElseThrow(), "CONFIRMED", "0xb",
                "99999999999999999999999999999999", 1, NOW.plusSeconds(2));
        StoreFixtures.store(store(), second);

        DepositSession found = store().depositSessions().findById(session.id()).orElseThrow();
        assertEquals("100000000000000000000000000000004.123456789012345678901234567890",
                found.amountReceived().toPlainString());
        assertEquals(StoreFixtures.state(second.session()), StoreFixtures.state(found));
    }

    @Test
    public void storesTheSessionExactlyAsCreated() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        DepositSession session = StoreFixtures.storedSession(store(), widget, NOW).session();

        DepositSession found = store().depositSessions().findById(session.id()).orElseThrow();

        assertEquals(session.terms(), found.terms());
        assertEquals("100.50", found.terms().amount().text());
        assertEquals(widget.id(), found.widgetId());
        assertEquals(widget.businessId(), found.businessId());
        assertEquals(PaymentStatus.CREATED, found.status());
        assertEquals(NOW, found.createdAt());
        assertEquals(NOW.plus(StoreFixtures.TTL), found.expiresAt());
        assertEquals(1, found.lastSequence());
        assertEquals(0, found.version());
    }

    @Test
    public void unknownSessionIsAbsent() {
        assertTrue(store().depositSessions().findById(SessionId.generate()).isEmpty());
    }

    @Test
    public void updateStoresTheTransitionAndMovesTheVersion() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        DepositSession session = StoreFixtures.storedSession(store(), widget, NOW).session();
        Instant cancelAt = NOW.plusSeconds(10);

        StoreFixtures.store(store(), session.cancel(cancelAt));

        DepositSession found = store().depositSessions().findById(session.id()).orElseThrow();
        assertEquals(PaymentStatus.EXPIRED, found.status());
        assertEquals(cancelAt, found.cancelledAt());
        assertEquals(2, found.lastSequence());
        assertEquals(1, found.version());
    }

    @Test
    public void updateOfAStaleCopyFailsAndChangesNothing() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        DepositSession stale = StoreFixtures.storedSession(store(), widget, NOW).session();
        StoreFixtures.store(store(), stale.cancel(NOW.plusSeconds(1)));

        assertThrows(ConcurrentChangeException.class,
                () -> StoreFixtures.store(store(), stale.expireIfDue(NOW.plus(StoreFixtures.TTL))));

        DepositSession found = store().depositSessions().findById(stale.id()).orElseThrow();
        assertEquals(NOW.plusSeconds(1), found.cancelledAt());
        assertEquals(2, found.lastSequence());
    }

    @Test
    public void listsAWidgetsSessionsNewestFirstInPages() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        List<SessionId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(StoreFixtures.storedSession(store(), widget, NOW.plusSeconds(i)).session().id());
        }
        StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW), NOW);

        Page<DepositSession> first = store().depositSessions().listByWidget(widget.id(), Optional.empty(), 2,
                Optional.empty());
        Page<DepositSession> second = store().depositSessions().listByWidget(widget.id(), Optional.empty(), 2,
                Optional.of(first.items().get(1).id()));
        Page<DepositSession> last = store().depositSessions().listByWidget(widget.id(), Optional.empty(), 2,
                Optional.of(second.items().get(1).id()));

        assertEquals(List.of(created.get(4), created.get(3)), ids(first));
        assertTrue(first.hasMore());
        assertEquals(List.of(created.get(2), created.get(1)), ids(second));
        assertTrue(second.hasMore());
        assertEquals(List.of(created.get(0)), ids(last));
        assertFalse(last.hasMore());
    }

    @Test
    public void pagesThroughSessionsCreatedInTheSameMillisecond() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        for (int i = 0; i < 3; i++) {
            StoreFixtures.storedSession(store(), widget, NOW);
        }

        List<SessionId> seen = new ArrayList<>();
        Optional<SessionId> cursor = Optional.empty();
        Page<DepositSession> page;
        do {
            page = store().depositSessions().listByWidget(widget.id(), Optional.empty(), 1, cursor);
            seen.addAll(ids(page));
            cursor = Optional.of(page.items().getLast().id());
        } while (page.hasMore());

        assertEquals(3, seen.stream().distinct().count());
    }

    @Test
    public void filtersByStatus() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        DepositSession cancelled = StoreFixtures.storedSession(store(), widget, NOW).session();
        DepositSession open = StoreFixtures.storedSession(store(), widget, NOW.plusSeconds(1)).session();
        StoreFixtures.store(store(), cancelled.cancel(NOW.plusSeconds(2)));

        assertEquals(List.of(cancelled.id()), ids(store().depositSessions().listByWidget(widget.id(),
                Optional.of(PaymentStatus.EXPIRED), 10, Optional.empty())));
        assertEquals(List.of(open.id()), ids(store().depositSessions().listByWidget(widget.id(),
                Optional.of(PaymentStatus.CREATED), 10, Optional.empty())));
    }

    @Test
    public void aCursorNamingAnotherWidgetsSessionGivesAnEmptyPage() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        StoreFixtures.storedSession(store(), widget, NOW);
        SessionId elsewhere = StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW),
                NOW.plusSeconds(1)).session().id();

        Page<DepositSession> page = store().depositSessions().listByWidget(widget.id(), Optional.empty(), 10,
                Optional.of(elsewhere));

        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }

    @Test
    public void claimsOnlyCreatedSessionsWhoseTimeIsUp() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), EXPIRY_EPOCH);
        DepositSession due = StoreFixtures.storedSession(store(), widget, EXPIRY_EPOCH).session();
        DepositSession notYetDue = StoreFixtures.storedSession(store(), widget, EXPIRY_EPOCH.plusSeconds(60)).session();
        DepositSession cancelled = StoreFixtures.storedSession(store(), widget, EXPIRY_EPOCH).session();
        StoreFixtures.store(store(), cancelled.cancel(EXPIRY_EPOCH.plusSeconds(1)));
        Instant sweepAt = EXPIRY_EPOCH.plus(StoreFixtures.TTL);

        List<SessionId> claimed = StoreFixtures.expireDue(store(), sweepAt);

        assertTrue(claimed.contains(due.id()));
        assertFalse(claimed.contains(notYetDue.id()));
        assertFalse(claimed.contains(cancelled.id()));
        assertEquals(PaymentStatus.EXPIRED, store().depositSessions().findById(due.id()).orElseThrow().status());
        assertTrue(StoreFixtures.expireDue(store(), sweepAt.plusSeconds(60)).contains(notYetDue.id()));
    }


    private static List<SessionId> ids(Page<DepositSession> page) {
        return page.items().stream().map(DepositSession::id).toList();
    }
}
