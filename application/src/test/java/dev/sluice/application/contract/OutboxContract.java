package dev.sluice.application.contract;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static dev.sluice.application.contract.StoreFixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.TestClock;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.Widget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claims see the whole table, so these tests date their events in 1800, before any other test's,
 * hand back whatever else a claim returns, and publish their own events when they end.
 */
public abstract class OutboxContract {
    private static final Instant EPOCH = Instant.parse("1800-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    protected abstract StorePorts store();

    /** The same database seen by another Sluice instance. */
    protected abstract StorePorts otherInstance();

    /** The clock the store's leases and publication times follow. */
    protected abstract TestClock clock();

    /** More events than the store handles in one batch (one statement, one page). */
    protected int moreThanOneBatch() {
        return 250;
    }

    private Widget widget;
    private DepositSession session;
    private SessionEvent created;
    private SessionEvent cancelled;
    // every event this test appended, published when it ends
    private final Set<EventId> mine = new HashSet<>();

    @BeforeEach
    public void sessionWithTwoEvents() {
        widget = StoreFixtures.storedWidget(store(), newBusiness(), EPOCH);
        var creation = StoreFixtures.storedSession(store(), widget, EPOCH);
        var cancellation = creation.session().cancel(EPOCH.plusSeconds(1));
        StoreFixtures.store(store(), cancellation);
        session = cancellation.session();
        created = creation.events().getFirst();
        cancelled = cancellation.events().getFirst();
        mine.addAll(List.of(created.id(), cancelled.id()));
    }

    @AfterEach
    public void publishWhatIsLeftAndStopRelaying() {
        store().outbox().markPublished(List.copyOf(mine));
        // the database is shared: a lease left behind would hold back the next test's relay
        store().outbox().release();
        otherInstance().outbox().release();
    }

    @Test
    public void handsOutASessionsEventsOneAtATimeInSequence() {
        assertEquals(states(List.of(created)), states(claimMine(store().outbox())));
        store().outbox().markPublished(List.of(created.id()));

        assertEquals(states(List.of(cancelled)), states(claimMine(store().outbox())));
        store().outbox().markPublished(List.of(cancelled.id()));

        assertTrue(claimMine(store().outbox()).isEmpty());
    }

    @Test
    public void anEventThatFailsForItsOwnSakeIsHandedOutAgainAndAtTheLimitSetAsideWithItsSession() {
        assertEquals(states(List.of(created)), states(claimMine(store().outbox())));

        assertFalse(store().outbox().recordFailure(created.id(), 2));
        assertEquals(states(List.of(created)), states(claimMine(store().outbox())), "handed out again at once");
        assertTrue(store().outbox().recordFailure(created.id(), 2));

        assertTrue(claimMine(store().outbox()).isEmpty(), "neither it nor its session's later event is claimed");
        assertFalse(store().outbox().recordFailure(created.id(), 2), "set aside once");
    }

    @Test
    public void theEventCarriesTheSessionAsItWasThen() {
        SessionEvent claimed = claimMine(store().outbox()).getFirst();

        assertEquals(PaymentStatus.CREATED, claimed.status());
        assertEquals(1, claimed.sequence());
        assertEquals(null, claimed.previousStatus());
        assertEquals(session.terms(), claimed.session().terms());
        assertEquals(EPOCH, claimed.occurredAt());
        assertEquals("deposit.created", claimed.type());
    }

    @Test
    public void whileOneInstanceRelaysAnotherIsHandedNothing() {
        assertEquals(states(List.of(created)), states(claimMine(store().outbox())));

        assertTrue(otherInstance().outbox().claimUnpublished(1000, LEASE).isEmpty());
        assertEquals(states(List.of(created)), states(claimMine(store().outbox())), "the lease holder renews it");
    }

    @Test
    public void aRelayThatGivesUpItsLeaseHandsOverAtOnceWhereItStopped() {
        assertEquals(states(List.of(created)), states(claimMine(store().outbox())));
        store().outbox().markPublished(List.of(created.id()));

        store().outbox().release();

        assertEquals(states(List.of(cancelled)), states(claimMine(otherInstance().outbox())));
        assertTrue(store().outbox().claimUnpublished(1000, LEASE).isEmpty(), "and now the other one relays");
    }

    @Test
    public void aSessionsNextEventLeavesWhenTheEarlierOnesArePublishedAndPruned() {
        store().outbox().markPublished(List.of(created.id()));
        store().settle();
        assertTrue(store().outbox().prunePublishedBefore(clock().now().plusSeconds(1)) >= 1);

        assertEquals(states(List.of(cancelled)), states(claimMine(store().outbox())));
    }

    @Test
    public void anEventClaimedButNotMarkedIsHandedOutAgain() {
        claimMine(store().outbox());

        assertEquals(states(List.of(created)), states(claimMine(store().outbox())));
    }

    @Test
    public void anExpiredLeaseLetsAnotherInstanceRelayWhatIsUnpublished() {
        assertEquals(states(List.of(created)), states(claimMine(store().outbox(), Duration.ofMillis(1))));
        clock().advance(Duration.ofMillis(20));

        assertEquals(states(List.of(created)), states(claimMine(otherInstance().outbox())));
    }

    @Test
    public void onlyTheLeaseHolderCanGiveItUp() {
        claimMine(store().outbox());
        otherInstance().outbox().release();

        assertTrue(claimMine(otherInstance().outbox()).isEmpty());
    }

    @Test
    public void theBacklogCountsWaitingEventsAndTheOldest() {
        Outbox.Backlog backlog = store().outbox().backlog();

        assertTrue(backlog.count() >= 2);
        assertNotNull(backlog.oldestCreatedAt());
        assertFalse(backlog.oldestCreatedAt().isAfter(EPOCH));

        store().outbox().markPublished(List.of(created.id(), cancelled.id()));
        assertEquals(backlog.count() - 2, store().outbox().backlog().count());
    }

    @Test
    public void pruningDeletesPublishedEventsOnly() {
        store().outbox().markPublished(List.of(created.id()));
        store().settle();

        assertTrue(store().outbox().prunePublishedBefore(clock().now().plusSeconds(1)) >= 1);

        List<EventId> left = store().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10).items()
                .stream().map(SessionEvent::id).toList();
        assertEquals(List.of(cancelled.id()), left);
    }

    @Test
    public void marksExactlyTheEventsItIsGivenEvenMoreThanOneStatementHolds() {
        List<SessionEvent> events = storedSessionWithEvents(EPOCH.plusSeconds(60), moreThanOneBatch());

        store().outbox().markPublished(ids(events.subList(0, events.size() - 1)));

        assertEquals(List.of(events.getLast().id()), ids(claimAmong(store().outbox(), events)));
    }

    @Test
    public void publishedEventsNeitherHideNorReorderTheWaitingOnes() {
        List<SessionEvent> published = new ArrayList<>();
        List<SessionEvent> nextOfEach = new ArrayList<>();
        // stored latest first, so that the claim's order is the events' time, not the insertion order
        for (int s = 19; s >= 0; s--) {
            List<SessionEvent> events = storedSessionWithEvents(EPOCH.plusSeconds(60 + s), 20);
            published.addAll(events.subList(0, 15));
            nextOfEach.addFirst(events.get(15));
        }

        store().outbox().markPublished(ids(published));

        assertEquals(ids(nextOfEach), ids(claimAmong(store().outbox(), nextOfEach)));
    }

    /** A new session with {@code count} events, the n-th at {@code at} + n ms, appended in one transaction. */
    private List<SessionEvent> storedSessionWithEvents(Instant at, int count) {
        DepositSession newSession = StoreFixtures.newSession(widget, at).session();
        List<SessionEvent> events = IntStream.rangeClosed(1, count)
                .mapToObj(n -> new SessionEvent(EventId.generate(), n, null, at.plusMillis(n), newSession))
                .toList();
        store().unitOfWork().inTransaction(() -> {
            store().depositSessions().add(newSession);
            store().outbox().append(events);
            return null;
        });
        events.forEach(event -> mine.add(event.id()));
        return events;
    }

    private static List<EventId> ids(List<SessionEvent> events) {
        return events.stream().map(SessionEvent::id).toList();
    }

    private List<SessionEvent> claimMine(Outbox outbox) {
        return claimMine(outbox, LEASE);
    }

    private List<SessionEvent> claimMine(Outbox outbox, Duration lease) {
        return claim(outbox, lease, Set.of(created.id(), cancelled.id()));
    }

    /** Claims as a relay would and keeps those of {@code wanted}; the rest stay unpublished for later claims. */
    private List<SessionEvent> claimAmong(Outbox outbox, List<SessionEvent> wanted) {
        return claim(outbox, LEASE, Set.copyOf(ids(wanted)));
    }

    private static List<SessionEvent> claim(Outbox outbox, Duration lease, Set<EventId> wanted) {
        List<SessionEvent> claimed = outbox.claimUnpublished(1000, lease);
        return claimed.stream().filter(event -> wanted.contains(event.id())).collect(Collectors.toList());
    }
}
