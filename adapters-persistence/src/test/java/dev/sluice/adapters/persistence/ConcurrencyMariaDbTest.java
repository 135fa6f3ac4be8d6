package dev.sluice.adapters.persistence;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.contract.StoreFixtures;
import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.service.RecordObservationService;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Sluice instances (two pools on the same MariaDB) racing for the same rows. Tests that sweep
 * whole tables use a past epoch of their own: outbox rows in 1850, due sessions in 1950; other
 * tests' rows that a sweep or claim meets are left as they are, and each test
 * publishes the events it made, so that none waits in the shared outbox for later runs.
 */
class ConcurrencyMariaDbTest {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");
    private static final Duration FOREVER = Duration.ofDays(365L * 300);

    private static ExecutorService threads;
    private final PersistenceModule one = TestDatabases.mariaDb();
    private final PersistenceModule two = TestDatabases.mariaDbOther();

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void exactlyOneOfTwoLockedTransitionsOfASessionWins() throws Exception {
        Widget widget = Fixtures.storedWidget(one, newBusiness(), NOW);
        long started = System.nanoTime();
        for (int race = 0; race < 200; race++) {
            SessionId id = Fixtures.storedSession(one, widget, NOW).session().id();
            Callable<Boolean> cancel = () -> cancelLocked(one, id);

            List<Boolean> results = race(cancel, () -> cancelLocked(two, id));

            assertEquals(1, results.stream().filter(won -> won).count(), "winners of race " + race);
            assertEquals(2, one.depositSessions().findById(id).orElseThrow().lastSequence());
        }
        report("200 locked transition races", started);
        assertGapFreeSequences(widget.businessId(), 200, 2);
    }

    @Test
    void twoObservationsOfDifferentTransactionsRacingAreBothCounted() throws Exception {
        Widget widget = Fixtures.storedWidget(one, newBusiness(), NOW);
        RecordObservation onOne = recorder(one);
        RecordObservation onTwo = recorder(two);
        long started = System.nanoTime();
        for (int race = 0; race < 100; race++) {
            String id = Fixtures.storedSession(one, widget, NOW).session().id().value();
            Caller watcher = new Caller.Internal("test");

            race(() -> onOne.record(watcher, id, new ObservationDraft("obs_a_" + id, "CONFIRMED", "0xa", "60.25", 12L,
                            null), List.of()),
                    () -> onTwo.record(watcher, id, new ObservationDraft("obs_b_" + id, "CONFIRMED", "0xb", "40.25",
                            12L, null), List.of()));

            DepositSession paid = one.depositSessions().findById(SessionId.parse(id).orElseThrow()).orElseThrow();
            assertEquals(PaymentStatus.CONFIRMED, paid.status(), "race " + race);
            assertEquals("100.50", paid.amountReceived().toPlainString());
            assertEquals(Set.of("0xa", "0xb"), paid.payments().stream().map(p -> p.txId()).collect(
                    java.util.stream.Collectors.toSet()));
            assertEquals(3, paid.lastSequence());
        }
        report("100 races of two transactions", started);
        assertGapFreeSequences(widget.businessId(), 100, 3);
    }

    private static RecordObservation recorder(PersistenceModule db) {
        return new RecordObservationService(db.depositSessions(), db.observations(), db.outbox(), db.unitOfWork(),
                () -> NOW.plusSeconds(5));
    }

    @Test
    void exactlyOneOfTwoOptimisticUpdatesOfASessionWins() throws Exception {
        Widget widget = Fixtures.storedWidget(one, newBusiness(), NOW);
        long started = System.nanoTime();
        for (int race = 0; race < 200; race++) {
            DepositSession read = Fixtures.storedSession(one, widget, NOW).session();

            List<Boolean> results = race(() -> storeStale(one, read), () -> storeStale(two, read));

            assertEquals(1, results.stream().filter(won -> won).count(), "winners of race " + race);
        }
        report("200 optimistic update races", started);
        assertGapFreeSequences(widget.businessId(), 200, 2);
    }

    @Test
    void twoClaimersRelayEveryOutboxRowOnceAndInSessionOrder() throws Exception {
        Instant epoch = Instant.parse("1850-01-01T00:00:00Z");
        Widget widget = Fixtures.storedWidget(one, newBusiness(), epoch);
        Set<EventId> mine = new HashSet<>();
        List<List<EventId>> bySession = new ArrayList<>();
        for (int s = 0; s < 250; s++) {
            Instant at = epoch.plusSeconds(s);
            // never due, so that no expiry sweep touches these sessions
            DepositSession session = StoreFixtures.newSession(widget, at, FOREVER);
            List<SessionEvent> events = new ArrayList<>();
            for (int sequence = 1; sequence <= 4; sequence++) {
                events.add(new SessionEvent(EventId.generate(), sequence, null, at.plusMillis(sequence), session));
            }
            bySession.add(events.stream().map(SessionEvent::id).toList());
            bySession.getLast().forEach(mine::add);
            one.unitOfWork().inTransaction(() -> {
                one.depositSessions().add(session);
                one.outbox().append(events);
                return null;
            });
        }
        Map<EventId, Integer> claims = new ConcurrentHashMap<>();
        Map<EventId, Long> claimedAt = new ConcurrentHashMap<>();
        AtomicLong clock = new AtomicLong();
        long started = System.nanoTime();

        race(() -> relay(one, mine, claims, claimedAt, clock), () -> relay(two, mine, claims, claimedAt, clock));
        // the database is shared: a lease left behind would hold back the next test's relay
        one.outbox().release();
        two.outbox().release();

        report("2 claimers over 1,000 outbox rows", started);
        assertEquals(1000, claims.size(), "rows relayed");
        assertTrue(claims.values().stream().allMatch(count -> count == 1), "a row was claimed twice");
        for (List<EventId> session : bySession) {
            List<Long> order = session.stream().map(claimedAt::get).toList();
            assertEquals(order.stream().sorted().toList(), order, "a session's event n+1 left before event n");
        }
    }

    @Test
    void twoSweepersExpireEveryDueSessionOnceWithOneEvent() throws Exception {
        Instant epoch = Instant.parse("1950-01-01T00:00:00Z");
        Widget widget = Fixtures.storedWidget(one, newBusiness(), epoch);
        Set<SessionId> mine = new HashSet<>();
        for (int s = 0; s < 500; s++) {
            mine.add(Fixtures.storedSession(one, widget, epoch.plusMillis(s)).session().id());
        }
        Instant sweepAt = epoch.plus(StoreFixtures.TTL).plusSeconds(60);
        Map<SessionId, Integer> expired = new ConcurrentHashMap<>();
        long started = System.nanoTime();

        race(() -> sweep(one, sweepAt, expired), () -> sweep(two, sweepAt, expired));

        report("2 sweepers over 500 due sessions (" + expired.keySet().stream().filter(mine::contains).count()
                + " expired by them)", started);
        // Another process sweeping the shared database in real time may expire some of these
        // sessions too; what must hold is that each one expired exactly once.
        assertTrue(expired.values().stream().allMatch(count -> count == 1), "a session was expired twice");
        assertGapFreeSequences(widget.businessId(), 500, 2);
        for (SessionId id : mine) {
            assertEquals(PaymentStatus.EXPIRED, one.depositSessions().findById(id).orElseThrow().status());
        }
    }

    @Test
    void twoCreatorsNeverOverrunTheWidgetLimit() throws Exception {
        BusinessId business = newBusiness();
        long started = System.nanoTime();

        race(() -> createWidgetsUpTo(one, business), () -> createWidgetsUpTo(two, business));

        report("2 creators racing for 10 widgets", started);
        assertEquals(10, one.widgets().listLive(business).size());
    }

    private static boolean cancelLocked(PersistenceModule db, SessionId id) {
        try {
            return db.unitOfWork().inTransaction(() -> {
                Change change = db.depositSessions().findByIdForUpdate(id).orElseThrow().cancel(NOW.plusSeconds(1));
                db.depositSessions().update(change.session());
                db.outbox().append(change.events());
                return true;
            });
        } catch (DomainException e) {
            assertEquals(ErrorCode.CANNOT_CANCEL, e.code());
            return false;
        }
    }

    private static boolean storeStale(PersistenceModule db, DepositSession read) {
        try {
            Fixtures.store(db, read.cancel(NOW.plusSeconds(1)));
            return true;
        } catch (ConcurrentChangeException e) {
            return false;
        }
    }

    private static boolean relay(PersistenceModule db, Set<EventId> mine, Map<EventId, Integer> claims,
            Map<EventId, Long> claimedAt, AtomicLong clock) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!claims.keySet().containsAll(mine) && System.nanoTime() < deadline) {
            List<EventId> claimed = db.outbox().claimUnpublished(50, Duration.ofMinutes(1)).stream()
                    .map(SessionEvent::id).toList();
            List<EventId> own = claimed.stream().filter(mine::contains).toList();
            own.forEach(id -> {
                claimedAt.put(id, clock.incrementAndGet());
                claims.merge(id, 1, Integer::sum);
            });
            db.outbox().markPublished(own);
            if (own.isEmpty()) {
                Thread.sleep(2);
            }
        }
        return true;
    }

    private static boolean sweep(PersistenceModule db, Instant now, Map<SessionId, Integer> expired) {
        int claimed;
        do {
            claimed = db.unitOfWork().inTransaction(() -> {
                List<DepositSession> due = db.depositSessions().claimDueForExpiry(now, 50);
                for (DepositSession session : due) {
                    Change change = session.expireIfDue(now);
                    db.depositSessions().update(change.session());
                    db.outbox().append(change.events());
                    expired.merge(session.id(), 1, Integer::sum);
                }
                return due.size();
            });
        } while (claimed > 0);
        return true;
    }

    private static boolean createWidgetsUpTo(PersistenceModule db, BusinessId business) {
        for (int attempt = 0; attempt < 20; attempt++) {
            db.unitOfWork().inTransaction(() -> {
                if (db.widgets().countLiveForUpdate(business) < 10) {
                    db.widgets().add(Widget.create(business, StoreFixtures.settings("W"), NOW).widget());
                }
                return null;
            });
        }
        return true;
    }

    /**
     * Every session of the business has events 1..{@code perSession}, each once; then marks them
     * published.
     */
    private void assertGapFreeSequences(BusinessId business, int sessions, int perSession) {
        Map<SessionId, List<Long>> sequences = new HashMap<>();
        List<EventId> events = new ArrayList<>();
        Optional<EventId> after = Optional.empty();
        Page<SessionEvent> page;
        do {
            page = one.eventFeed().listForBusiness(business, after, 100);
            page.items().forEach(e -> {
                sequences.computeIfAbsent(e.session().id(), id -> new ArrayList<>()).add(e.sequence());
                events.add(e.id());
            });
            after = page.items().isEmpty() ? after : Optional.of(page.items().getLast().id());
        } while (page.hasMore());
        List<Long> expected = new ArrayList<>();
        for (long n = 1; n <= perSession; n++) {
            expected.add(n);
        }
        assertEquals(sessions, sequences.size());
        sequences.values().forEach(actual -> assertEquals(expected, actual.stream().sorted().toList()));
        one.outbox().markPublished(events);
    }

    /** Runs both at once, released together by a barrier. */
    private static <T> List<T> race(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Function<Callable<T>, Callable<T>> atStart = task -> () -> {
            start.await(10, TimeUnit.SECONDS);
            return task.call();
        };
        Future<T> a = threads.submit(atStart.apply(first));
        Future<T> b = threads.submit(atStart.apply(second));
        return List.of(a.get(90, TimeUnit.SECONDS), b.get(90, TimeUnit.SECONDS));
    }

    private static void report(String what, long startedNanos) {
        System.out.printf("%s: %d ms%n", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }
}
