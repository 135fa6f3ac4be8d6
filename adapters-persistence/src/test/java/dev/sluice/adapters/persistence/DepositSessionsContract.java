package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Fixtures.newBusiness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.in.Page;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationKind;
import dev.sluice.domain.session.ObservationResult;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

abstract class DepositSessionsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");
    /** The expiry tests' own past, due for no other test's sessions. */
    private static final Instant EXPIRY_EPOCH = Instant.parse("1981-01-01T00:00:00Z");

    abstract PersistenceModule db();

    @Test
    void storesTheSessionExactlyAsCreated() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        DepositSession session = Fixtures.storedSession(db(), widget, NOW).session();

        DepositSession found = db().depositSessions().findById(session.id()).orElseThrow();

        assertEquals(session.terms(), found.terms());
        assertEquals("100.50", found.terms().amount().text());
        assertEquals(widget.id(), found.widgetId());
        assertEquals(widget.businessId(), found.businessId());
        assertEquals(PaymentStatus.CREATED, found.status());
        assertEquals(NOW, found.createdAt());
        assertEquals(NOW.plus(Fixtures.TTL), found.expiresAt());
        assertEquals(1, found.lastSequence());
        assertEquals(0, found.version());
    }

    @Test
    void unknownSessionIsAbsent() {
        assertTrue(db().depositSessions().findById(SessionId.generate()).isEmpty());
    }

    @Test
    void updateStoresTheTransitionAndMovesTheVersion() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        DepositSession session = Fixtures.storedSession(db(), widget, NOW).session();
        Instant cancelAt = NOW.plusSeconds(10);

        Fixtures.store(db(), session.cancel(cancelAt));

        DepositSession found = db().depositSessions().findById(session.id()).orElseThrow();
        assertEquals(PaymentStatus.EXPIRED, found.status());
        assertEquals(cancelAt, found.cancelledAt());
        assertEquals(2, found.lastSequence());
        assertEquals(1, found.version());
    }

    /** The change {@code observation} makes, which the session accepts. */
    private static Change observed(DepositSession session, String kind, String txId, String amount, long confirmations,
            Instant at) {
        Observation observation = new Observation("obs_" + txId + at.toEpochMilli(), ObservationKind.valueOf(kind),
                txId, amount == null ? null : new Amount(amount), confirmations, at);
        return ((ObservationResult.Applied) session.observe(observation, at)).change();
    }

    @Test
    void storesEveryPaymentOfASessionInTheOrderFirstSeenWithItsEvents() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        DepositSession session = Fixtures.storedSession(db(), widget, NOW).session();
        List<SessionEvent> events = new ArrayList<>();
        for (Function<DepositSession, Change> step : List.<Function<DepositSession, Change>>of(
                s -> observed(s, "DETECTED", "0xb", "40", 2, NOW.plusSeconds(1)),
                s -> observed(s, "CONFIRMED", "0xa", "60.51", 12, NOW.plusSeconds(2)),
                s -> observed(s, "DETECTED", "0xb", null, 5, NOW.plusSeconds(3)),
                s -> observed(s, "CONFIRMED", "0xb", "40.000", 7, NOW.plusSeconds(4)))) {
            Change change = step.apply(db().depositSessions().findById(session.id()).orElseThrow());
            Fixtures.store(db(), change);
            events.addAll(change.events());
            session = change.session();
        }

        DepositSession found = db().depositSessions().findById(session.id()).orElseThrow();
        assertEquals(Fixtures.state(session), Fixtures.state(found));
        assertEquals(PaymentStatus.OVERPAID, found.status());
        assertEquals(List.of("0xb", "0xa"), found.payments().stream().map(Payment::txId).toList());
        assertEquals(new Payment("0xb", new Amount("40.000"), 7, Payment.Status.CONFIRMED, NOW.plusSeconds(1),
                NOW.plusSeconds(4)), found.payments().get(0));
        assertEquals("100.510", found.amountReceived().toPlainString());
        assertEquals("0xb", found.txId());
        assertTrue(found.terms().testMode());
        assertEquals("0.5", found.terms().paymentTolerancePercent().text());
        assertEquals(Fixtures.state(session), Fixtures.state(db().depositSessions().findByIdForUpdate(session.id())
                .orElseThrow()));
        assertEquals(List.of(Fixtures.state(session)), db().depositSessions().listByWidget(widget.id(),
                Optional.empty(), 10, Optional.empty()).items().stream().map(Fixtures::state).toList());

        List<SessionEvent> feed = db().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10).items();
        assertEquals(Fixtures.states(events), Fixtures.states(feed.subList(1, feed.size())),
                "each event keeps the payments as they were right after it");
        assertEquals(List.of(1, 2, 2), feed.subList(1, feed.size()).stream()
                .map(e -> e.session().payments().size()).toList());
    }

    @Test
    void aSumLongerThanAnyOneAmountIsStoredExactly() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        DepositSession session = Fixtures.storedSession(db(), widget, NOW).session();
        String longest = "5.123456789012345678901234567890";
        Change first = observed(session, "CONFIRMED", "0xa", longest, 1, NOW.plusSeconds(1));
        Fixtures.store(db(), first);
        Change second = observed(db().depositSessions().findById(session.id()).orElseThrow(), "CONFIRMED", "0xb",
                "99999999999999999999999999999999", 1, NOW.plusSeconds(2));
        Fixtures.store(db(), second);

        DepositSession found = db().depositSessions().findById(session.id()).orElseThrow();
        assertEquals("100000000000000000000000000000004.123456789012345678901234567890",
                found.amountReceived().toPlainString());
        assertEquals(Fixtures.state(second.session()), Fixtures.state(found));
    }

    @Test
    void updateOfAStaleCopyFailsAndChangesNothing() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        DepositSession stale = Fixtures.storedSession(db(), widget, NOW).session();
        Fixtures.store(db(), stale.cancel(NOW.plusSeconds(1)));

        assertThrows(ConcurrentChangeException.class,
                () -> Fixtures.store(db(), stale.expireIfDue(NOW.plus(Fixtures.TTL))));

        DepositSession found = db().depositSessions().findById(stale.id()).orElseThrow();
        assertEquals(NOW.plusSeconds(1), found.cancelledAt());
        assertEquals(2, found.lastSequence());
    }

    @Test
    void listsAWidgetsSessionsNewestFirstInPages() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        List<SessionId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.storedSession(db(), widget, NOW.plusSeconds(i)).session().id());
        }
        Fixtures.storedSession(db(), Fixtures.storedWidget(db(), newBusiness(), NOW), NOW);

        Page<DepositSession> first = db().depositSessions().listByWidget(widget.id(), Optional.empty(), 2,
                Optional.empty());
        Page<DepositSession> second = db().depositSessions().listByWidget(widget.id(), Optional.empty(), 2,
                Optional.of(first.items().get(1).id()));
        Page<DepositSession> last = db().depositSessions().listByWidget(widget.id(), Optional.empty(), 2,
                Optional.of(second.items().get(1).id()));

        assertEquals(List.of(created.get(4), created.get(3)), ids(first));
        assertTrue(first.hasMore());
        assertEquals(List.of(created.get(2), created.get(1)), ids(second));
        assertTrue(second.hasMore());
        assertEquals(List.of(created.get(0)), ids(last));
        assertFalse(last.hasMore());
    }

    @Test
    void pagesThroughSessionsCreatedInTheSameMillisecond() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        for (int i = 0; i < 3; i++) {
            Fixtures.storedSession(db(), widget, NOW);
        }

        List<SessionId> seen = new ArrayList<>();
        Optional<SessionId> cursor = Optional.empty();
        Page<DepositSession> page;
        do {
            page = db().depositSessions().listByWidget(widget.id(), Optional.empty(), 1, cursor);
            seen.addAll(ids(page));
            cursor = Optional.of(page.items().getLast().id());
        } while (page.hasMore());

        assertEquals(3, seen.stream().distinct().count());
    }

    @Test
    void filtersByStatus() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        DepositSession cancelled = Fixtures.storedSession(db(), widget, NOW).session();
        DepositSession open = Fixtures.storedSession(db(), widget, NOW.plusSeconds(1)).session();
        Fixtures.store(db(), cancelled.cancel(NOW.plusSeconds(2)));

        assertEquals(List.of(cancelled.id()), ids(db().depositSessions().listByWidget(widget.id(),
                Optional.of(PaymentStatus.EXPIRED), 10, Optional.empty())));
        assertEquals(List.of(open.id()), ids(db().depositSessions().listByWidget(widget.id(),
                Optional.of(PaymentStatus.CREATED), 10, Optional.empty())));
    }

    @Test
    void aCursorNamingAnotherWidgetsSessionGivesAnEmptyPage() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        Fixtures.storedSession(db(), widget, NOW);
        SessionId elsewhere = Fixtures.storedSession(db(), Fixtures.storedWidget(db(), newBusiness(), NOW),
                NOW.plusSeconds(1)).session().id();

        Page<DepositSession> page = db().depositSessions().listByWidget(widget.id(), Optional.empty(), 10,
                Optional.of(elsewhere));

        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }

    @Test
    void claimsOnlyCreatedSessionsWhoseTimeIsUp() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), EXPIRY_EPOCH);
        DepositSession due = Fixtures.storedSession(db(), widget, EXPIRY_EPOCH).session();
        DepositSession notYetDue = Fixtures.storedSession(db(), widget, EXPIRY_EPOCH.plusSeconds(60)).session();
        DepositSession cancelled = Fixtures.storedSession(db(), widget, EXPIRY_EPOCH).session();
        Fixtures.store(db(), cancelled.cancel(EXPIRY_EPOCH.plusSeconds(1)));
        Instant sweepAt = EXPIRY_EPOCH.plus(Fixtures.TTL);

        List<SessionId> claimed = expireDue(sweepAt);

        assertTrue(claimed.contains(due.id()));
        assertFalse(claimed.contains(notYetDue.id()));
        assertFalse(claimed.contains(cancelled.id()));
        assertEquals(PaymentStatus.EXPIRED, db().depositSessions().findById(due.id()).orElseThrow().status());
        assertTrue(expireDue(sweepAt.plusSeconds(60)).contains(notYetDue.id()));
    }

    @Test
    void aSweepSkipsSessionsAnotherSweepHolds() throws Exception {
        Instant epoch = EXPIRY_EPOCH.plusSeconds(86_400);
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), epoch);
        DepositSession session = Fixtures.storedSession(db(), widget, epoch).session();
        Instant sweepAt = epoch.plus(Fixtures.TTL);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch secondSweepDone = new CountDownLatch(1);

        CompletableFuture<List<SessionId>> first = CompletableFuture.supplyAsync(() ->
                db().unitOfWork().inTransaction(() -> {
                    List<SessionId> ids = db().depositSessions().claimDueForExpiry(sweepAt, 100).stream()
                            .map(DepositSession::id).toList();
                    held.countDown();
                    await(secondSweepDone);
                    return ids;
                }));
        assertTrue(held.await(10, TimeUnit.SECONDS));
        List<SessionId> second = db().unitOfWork().inTransaction(() ->
                db().depositSessions().claimDueForExpiry(sweepAt, 100).stream().map(DepositSession::id).toList());
        secondSweepDone.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).contains(session.id()));
        assertFalse(second.contains(session.id()));
        expireDue(sweepAt);
    }

    /** Claims and expires every due session up to {@code now}; returns the claimed ids. */
    private List<SessionId> expireDue(Instant now) {
        return db().unitOfWork().inTransaction(() -> {
            List<DepositSession> due = db().depositSessions().claimDueForExpiry(now, 1000);
            due.forEach(session -> {
                Change change = session.expireIfDue(now);
                db().depositSessions().update(change.session());
                db().outbox().append(change.events());
            });
            return due.stream().map(DepositSession::id).toList();
        });
    }

    private static List<SessionId> ids(Page<DepositSession> page) {
        return page.items().stream().map(DepositSession::id).toList();
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other side never arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
