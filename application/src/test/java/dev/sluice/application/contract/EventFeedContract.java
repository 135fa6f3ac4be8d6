package dev.sluice.application.contract;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static dev.sluice.application.contract.StoreFixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public abstract class EventFeedContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    protected abstract StorePorts store();

    @Test
    public void pagesThroughABusinesssEventsInCommitOrder() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        Change first = StoreFixtures.storedSession(store(), widget, NOW);
        Change second = StoreFixtures.storedSession(store(), widget, NOW.minusSeconds(60));
        Change cancel = first.session().cancel(NOW.plusSeconds(1));
        StoreFixtures.store(store(), cancel);
        StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW), NOW);

        Page<SessionEvent> page1 = store().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 2);
        Page<SessionEvent> page2 = store().eventFeed().listForBusiness(widget.businessId(),
                Optional.of(page1.items().getLast().id()), 2);

        assertEquals(states(List.of(first.events().getFirst(), second.events().getFirst())), states(page1.items()));
        assertTrue(page1.hasMore());
        assertEquals(states(cancel.events()), states(page2.items()));
        assertFalse(page2.hasMore());
    }

    @Test
    public void aPassPositionsEveryWaitingEventInTheOrderTheyWereAppended() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        List<SessionEvent> appended = new ArrayList<>();
        // event ids are random, so their sorted order, in which the rows are locked, is not this order
        for (int s = 0; s < 40; s++) {
            appended.addAll(StoreFixtures.storedSession(store(), widget, NOW.plusSeconds(s)).events());
        }

        store().settle();

        Page<SessionEvent> page = store().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 100);
        assertEquals(states(appended), states(page.items()));
    }

    @Test
    public void aCursorOfAnotherBusinessGivesAnEmptyPage() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        StoreFixtures.storedSession(store(), widget, NOW);
        Change elsewhere = StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW), NOW);
        store().settle();

        Page<SessionEvent> page = store().eventFeed().listForBusiness(widget.businessId(),
                Optional.of(elsewhere.events().getFirst().id()), 10);

        assertTrue(page.items().isEmpty());
    }

    @Test
    public void committedEventsOfEveryBusinessFollowEachOtherAfterAPosition() {
        store().settle();
        long start = store().committedEvents().after(0, Integer.MAX_VALUE).stream()
                .mapToLong(CommittedEvents.Positioned::position).max().orElse(0);
        Change one = StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW), NOW);
        Change other = StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW),
                NOW);

        List<CommittedEvents.Positioned> first = store().committedEvents().after(start, 1);
        List<CommittedEvents.Positioned> rest = store().committedEvents().after(first.getLast().position(), 10);

        assertEquals(states(one.events()), states(first.stream().map(CommittedEvents.Positioned::event).toList()));
        assertEquals(states(other.events()), states(rest.stream().map(CommittedEvents.Positioned::event).toList()));
        assertTrue(rest.getFirst().position() > first.getFirst().position());
    }

    @Test
    public void aBusinessWithoutEventsHasAnEmptyFeed() {
        Page<SessionEvent> page = store().eventFeed().listForBusiness(newBusiness(), Optional.empty(), 10);

        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }

    @Test
    public void positionedEventsOfEveryBusinessFollowTheLatestPositionInFeedOrder() {
        store().settle();
        long start = store().eventFeed().latestPosition();
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        Change first = StoreFixtures.storedSession(store(), widget, NOW);
        Change cancel = first.session().cancel(NOW.plusSeconds(1));
        StoreFixtures.store(store(), cancel);
        Change other = StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW),
                NOW);

        store().settle();
        List<EventFeed.Positioned> positioned = store().eventFeed().positionedAfter(start, 10);

        String session = first.session().id().value();
        assertEquals(List.of(List.of(session, 1L), List.of(session, 2L), List.of(other.session().id().value(), 1L)),
                positioned.stream().map(p -> List.<Object>of(p.sessionId(), p.sequence())).toList());
        assertEquals(positioned.getLast().position(), store().eventFeed().latestPosition());
        assertEquals(positioned.subList(1, 3),
                store().eventFeed().positionedAfter(positioned.getFirst().position(), 2));
    }
}
