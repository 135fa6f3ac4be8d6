package dev.sluice.adapters.persistence;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static dev.sluice.application.contract.StoreFixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.contract.StoreFixtures;
import dev.sluice.application.contract.StorePorts;
import dev.sluice.application.port.in.Page;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a database does for units of work that overlap, which the in-memory fakes (one unit of work
 * at a time) cannot show: a sweep skips the rows another holds, and an event committed late is
 * still found after a cursor handed out meanwhile.
 */
abstract class OverlappingUnitsOfWorkContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");
    /** The expiry tests' own past, due for no other test's sessions. */
    private static final Instant EXPIRY_EPOCH = Instant.parse("1981-01-01T00:00:00Z");

    abstract StorePorts store();

    @Test
    void aSweepSkipsSessionsAnotherSweepHolds() throws Exception {
        Instant epoch = EXPIRY_EPOCH.plusSeconds(86_400);
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), epoch);
        DepositSession session = StoreFixtures.storedSession(store(), widget, epoch).session();
        Instant sweepAt = epoch.plus(StoreFixtures.TTL);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch secondSweepDone = new CountDownLatch(1);

        CompletableFuture<List<SessionId>> first = CompletableFuture.supplyAsync(() ->
                store().unitOfWork().inTransaction(() -> {
                    List<SessionId> ids = store().depositSessions().claimDueForExpiry(sweepAt, 100).stream()
                            .map(DepositSession::id).toList();
                    held.countDown();
                    await(secondSweepDone);
                    return ids;
                }));
        assertTrue(held.await(10, TimeUnit.SECONDS));
        List<SessionId> second = store().unitOfWork().inTransaction(() ->
                store().depositSessions().claimDueForExpiry(sweepAt, 100).stream().map(DepositSession::id).toList());
        secondSweepDone.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).contains(session.id()));
        assertFalse(second.contains(session.id()));
        StoreFixtures.expireDue(store(), sweepAt);
    }

    @Test
    void anEventCommittedLateAppearsAfterTheCursorAlreadyHandedOut() throws Exception {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        BusinessId business = widget.businessId();
        Change early = StoreFixtures.newSession(widget, NOW);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);

        // started first, committed last
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> store().unitOfWork().inTransaction(() -> {
            store().depositSessions().add(early.session());
            store().outbox().append(early.events());
            written.countDown();
            await(mayCommit);
            return null;
        }));
        assertTrue(written.await(10, TimeUnit.SECONDS));
        Change quick = StoreFixtures.storedSession(store(), widget, NOW.plusSeconds(1));
        Page<SessionEvent> before = store().eventFeed().listForBusiness(business, Optional.empty(), 10);
        mayCommit.countDown();
        slow.get(10, TimeUnit.SECONDS);
        EventId cursor = before.items().getLast().id();
        Page<SessionEvent> after = store().eventFeed().listForBusiness(business, Optional.of(cursor), 10);

        assertEquals(states(quick.events()), states(before.items()));
        assertEquals(states(early.events()), states(after.items()));
    }


    private static void await(CountDownLatch latch) {
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
