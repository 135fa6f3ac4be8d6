package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Fixtures.newBusiness;
import static dev.sluice.adapters.persistence.Fixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.DepositSessions.Page;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

abstract class EventFeedContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    abstract PersistenceModule db();

    @Test
    void pagesThroughABusinesssEventsInCommitOrder() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        Change first = Fixtures.storedSession(db(), widget, NOW);
        Change second = Fixtures.storedSession(db(), widget, NOW.minusSeconds(60));
        Change cancel = first.session().cancel(NOW.plusSeconds(1));
        Fixtures.store(db(), cancel);
        Fixtures.storedSession(db(), Fixtures.storedWidget(db(), newBusiness(), NOW), NOW);

        Page<SessionEvent> page1 = db().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 2);
        Page<SessionEvent> page2 = db().eventFeed().listForBusiness(widget.businessId(),
                Optional.of(page1.items().getLast().id()), 2);

        assertEquals(states(List.of(first.events().getFirst(), second.events().getFirst())), states(page1.items()));
        assertTrue(page1.hasMore());
        assertEquals(states(cancel.events()), states(page2.items()));
        assertFalse(page2.hasMore());
    }

    @Test
    void anEventCommittedLateAppearsAfterTheCursorAlreadyHandedOut() throws Exception {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        BusinessId business = widget.businessId();
        Change early = Fixtures.newSession(widget, NOW);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);

        // started first, committed last
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> db().unitOfWork().inTransaction(() -> {
            db().depositSessions().add(early.session());
            db().outbox().append(early.events());
            written.countDown();
            DepositSessionsContract.await(mayCommit);
            return null;
        }));
        assertTrue(written.await(10, TimeUnit.SECONDS));
        Change quick = Fixtures.storedSession(db(), widget, NOW.plusSeconds(1));
        Page<SessionEvent> before = db().eventFeed().listForBusiness(business, Optional.empty(), 10);
        mayCommit.countDown();
        slow.get(10, TimeUnit.SECONDS);
        EventId cursor = before.items().getLast().id();
        Page<SessionEvent> after = db().eventFeed().listForBusiness(business, Optional.of(cursor), 10);

        assertEquals(states(quick.events()), states(before.items()));
        assertEquals(states(early.events()), states(after.items()));
    }

    @Test
    void aPassPositionsEveryWaitingEventInTheOrderTheyWereAppended() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        List<SessionEvent> appended = new ArrayList<>();
        // event ids are random, so their sorted order, in which the rows are locked, is not this order
        for (int s = 0; s < 40; s++) {
            appended.addAll(Fixtures.storedSession(db(), widget, NOW.plusSeconds(s)).events());
        }

        db().assignFeedPositions();

        Page<SessionEvent> page = db().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 100);
        assertEquals(states(appended), states(page.items()));
    }

    @Test
    void aCursorOfAnotherBusinessGivesAnEmptyPage() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        Fixtures.storedSession(db(), widget, NOW);
        Change elsewhere = Fixtures.storedSession(db(), Fixtures.storedWidget(db(), newBusiness(), NOW), NOW);
        db().assignFeedPositions();

        Page<SessionEvent> page = db().eventFeed().listForBusiness(widget.businessId(),
                Optional.of(elsewhere.events().getFirst().id()), 10);

        assertTrue(page.items().isEmpty());
    }

    @Test
    void committedEventsOfEveryBusinessFollowEachOtherAfterAPosition() {
        db().assignFeedPositions();
        long start = db().committedEvents().after(0, Integer.MAX_VALUE).stream()
                .mapToLong(CommittedEvents.Positioned::position).max().orElse(0);
        Change one = Fixtures.storedSession(db(), Fixtures.storedWidget(db(), newBusiness(), NOW), NOW);
        Change other = Fixtures.storedSession(db(), Fixtures.storedWidget(db(), newBusiness(), NOW), NOW);

        List<CommittedEvents.Positioned> first = db().committedEvents().after(start, 1);
        List<CommittedEvents.Positioned> rest = db().committedEvents().after(first.getLast().position(), 10);

        assertEquals(states(one.events()), states(first.stream().map(CommittedEvents.Positioned::event).toList()));
        assertEquals(states(other.events()), states(rest.stream().map(CommittedEvents.Positioned::event).toList()));
        assertTrue(rest.getFirst().position() > first.getFirst().position());
    }

    @Test
    void aBusinessWithoutEventsHasAnEmptyFeed() {
        Page<SessionEvent> page = db().eventFeed().listForBusiness(newBusiness(), Optional.empty(), 10);

        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }
}
