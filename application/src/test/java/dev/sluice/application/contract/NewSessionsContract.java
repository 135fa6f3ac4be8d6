package dev.sluice.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.NewSessions;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NewSessions} does, however it groups its transactions: a call returns once
 * its session and events are stored, concurrent calls all commit, and a session that cannot be
 * stored fails alone. Run against each implementation with the stores that read what it wrote.
 */
public abstract class NewSessionsContract {
    private static final int CONCURRENT = 40;
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    private Widget widget;

    protected abstract StorePorts store();

    private NewSessions newSessions() {
        return store().newSessions();
    }

    /** A new session, not stored yet, of a widget the store holds; every call of one test uses one widget of a business of its own. */
    private Change newSession() {
        return StoreFixtures.newSession(widget(), NOW);
    }

    /** The version of the widget of {@link #newSession()} as stored now. */
    private long widgetVersion() {
        return store().widgets().findById(widget().id()).orElseThrow().version();
    }

    /** Changes the widget of {@link #newSession()} through the store, which moves its version on. */
    private void changeWidget() {
        store().unitOfWork().inTransaction(() -> {
            store().widgets().update(store().widgets().findById(widget().id()).orElseThrow());
            return null;
        });
    }

    private Widget widget() {
        if (widget == null) {
            widget = StoreFixtures.storedWidget(store(), StoreFixtures.newBusiness(), NOW);
        }
        return widget;
    }

    @Test
    public void aSessionIsStoredWithItsEventsWhenTheCallReturns() {
        Change created = newSession();

        assertTrue(newSessions().add(created, widgetVersion()));

        DepositSession stored = store().depositSessions().findById(created.session().id()).orElseThrow();
        assertEquals(StoreFixtures.state(created.session()), StoreFixtures.state(stored),
                "read back as the one-session-a-transaction path stores it");
        assertTrue(stored.payments().isEmpty());
        assertTrue(stored.terms().testMode(), "test mode from the widget");
        assertEquals("0.5", stored.terms().paymentTolerancePercent().text(), "tolerance from the widget");
        assertEquals(StoreFixtures.states(created.events()), StoreFixtures.states(feedOf(created)),
                "each event keeps the session, payments included, as it was right after it");
    }

    @Test
    public void aNewSessionsEventHasItsFeedPositionWhenTheCallReturns() {
        long before = store().eventFeed().latestPosition();
        Change created = newSession();

        assertTrue(newSessions().add(created, widgetVersion()));

        // no positioning pass in between: the status streams and sinks see it at once
        assertEquals(List.of(created.session().id().value()), store().eventFeed().positionedAfter(before, 100)
                .stream().map(EventFeed.Positioned::sessionId).toList());
        assertEquals(before + 1, store().eventFeed().latestPosition());
    }

    @Test
    public void anEventCommittedEarlierByAnotherPathStaysAheadOfANewSessionInTheFeed() {
        long before = store().eventFeed().latestPosition();
        // committed, but no positioning pass has run since (the API answered already)
        Change earlier = StoreFixtures.storedSession(store(), widget(), NOW);
        Change created = newSession();

        assertTrue(newSessions().add(created, widgetVersion()));

        store().settle();
        assertEquals(List.of(earlier.session().id().value(), created.session().id().value()),
                store().eventFeed().positionedAfter(before, 100).stream().map(EventFeed.Positioned::sessionId).toList(),
                "the feed keeps commit order (api.md)");
    }

    @Test
    public void concurrentSessionsAllCommitEachWithItsOwnEvents() throws Exception {
        List<Change> created = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            created.add(newSession());
        }

        long version = widgetVersion();
        List<Optional<RuntimeException>> outcomes = concurrently(created, change -> () -> assertTrue(
                newSessions().add(change, version)));

        outcomes.forEach(outcome -> assertTrue(outcome.isEmpty(), () -> outcome.orElseThrow().toString()));
        for (Change change : created) {
            assertTrue(store().depositSessions().findById(change.session().id()).isPresent(), change.session().id().value());
        }
        List<SessionEvent> feed = feedOf(created.getFirst());
        assertEquals(created.stream().flatMap(c -> eventIds(c.events()).stream()).sorted().toList(),
                eventIds(feed).stream().sorted().toList());
        feed.forEach(event -> assertEquals(1, event.sequence()));
    }

    @Test
    public void aSessionThatCannotBeStoredFailsAloneWhileTheOthersCommit() throws Exception {
        Change first = newSession();
        long version = widgetVersion();
        newSessions().add(first, version);
        List<Change> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            calls.add(i == CONCURRENT / 2 ? first : newSession());
        }

        List<Optional<RuntimeException>> outcomes = concurrently(calls, change -> () -> assertTrue(
                newSessions().add(change, version)));

        for (int i = 0; i < calls.size(); i++) {
            SessionId id = calls.get(i).session().id();
            Optional<RuntimeException> outcome = outcomes.get(i);
            if (calls.get(i) == first) {
                assertTrue(outcome.isPresent(), "storing session " + id + " twice failed");
            } else {
                assertTrue(outcome.isEmpty(), () -> id + ": " + outcome.orElseThrow());
                assertTrue(store().depositSessions().findById(id).isPresent(), id.value());
            }
        }
        assertEquals(CONCURRENT, feedOf(first).size());
    }

    @Test
    public void aSessionStoredTwiceInARowFailsTheSecondTime() {
        Change created = newSession();
        newSessions().add(created, widgetVersion());

        assertThrows(RuntimeException.class, () -> newSessions().add(created, widgetVersion()));

        assertEquals(1, feedOf(created).size());
    }

    @Test
    public void aSessionCheckedAgainstAWidgetThatChangedSinceIsNotStored() {
        long checkedAgainst = widgetVersion();
        changeWidget();
        store().settle();
        long before = store().eventFeed().latestPosition();
        Change created = newSession();

        assertFalse(newSessions().add(created, checkedAgainst));

        assertTrue(store().depositSessions().findById(created.session().id()).isEmpty());
        assertTrue(feedOf(created).isEmpty());
        assertEquals(before, store().eventFeed().latestPosition(), "a session left out takes no feed position");
        assertTrue(newSessions().add(created, widgetVersion()), "stored once checked against the widget as it is");
        assertEquals(before + 1, store().eventFeed().latestPosition());
    }

    @Test
    public void onlyTheSessionsOfTheChangedWidgetAreLeftOutOfTheirTransaction() throws Exception {
        long checkedAgainst = widgetVersion();
        changeWidget();
        long current = widgetVersion();
        store().settle();
        long before = store().eventFeed().latestPosition();
        List<Change> created = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            created.add(newSession());
        }

        List<Optional<RuntimeException>> outcomes = concurrently(created, change -> () -> {
            boolean stale = created.indexOf(change) % 2 == 0;
            assertEquals(!stale, newSessions().add(change, stale ? checkedAgainst : current));
        });

        outcomes.forEach(outcome -> assertTrue(outcome.isEmpty(), () -> outcome.orElseThrow().toString()));
        for (int i = 0; i < created.size(); i++) {
            assertEquals(i % 2 != 0, store().depositSessions().findById(created.get(i).session().id()).isPresent());
        }
        assertEquals(CONCURRENT / 2, feedOf(created.getFirst()).size());
        assertEquals(LongStream.rangeClosed(before + 1, before + CONCURRENT / 2).boxed().toList(),
                store().eventFeed().positionedAfter(before, 1000).stream().map(EventFeed.Positioned::position).toList(),
                "the stored sessions' events take the next positions, no gap where the others would have been");
        assertEquals(before + CONCURRENT / 2, store().eventFeed().latestPosition());
    }

    private List<SessionEvent> feedOf(Change change) {
        BusinessId business = change.session().businessId();
        store().settle();
        return store().eventFeed().listForBusiness(business, Optional.empty(), 1000).items();
    }

    private static List<String> eventIds(List<SessionEvent> events) {
        return events.stream().map(event -> event.id().value()).toList();
    }

    /** Runs every call at once, each on its own thread; the failure of each, in the order of {@code items}. */
    private static <T> List<Optional<RuntimeException>> concurrently(List<T> items, Function<T, Runnable> call)
            throws Exception {
        List<CompletableFuture<Optional<RuntimeException>>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> start = new CompletableFuture<>();
            for (T item : items) {
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    start.join();
                    try {
                        call.apply(item).run();
                        return Optional.<RuntimeException>empty();
                    } catch (RuntimeException failure) {
                        return Optional.of(failure);
                    }
                }, threads));
            }
            start.complete(null);
        }
        List<Optional<RuntimeException>> results = new ArrayList<>();
        for (CompletableFuture<Optional<RuntimeException>> outcome : outcomes) {
            results.add(outcome.get());
        }
        return results;
    }
}
