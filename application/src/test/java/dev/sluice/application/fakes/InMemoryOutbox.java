package dev.sluice.application.fakes;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.BusinessId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox and the events feed over one list of events in commit order (units of work run one
 * after the other here, so append order is commit order). A claim takes the relay's lease for this
 * instance until it runs out on the store's clock, and hands out events oldest first, never a
 * session's later event while an earlier one is unpublished (set aside counts as unpublished);
 * {@link InMemoryPorts#otherInstance()} claims as another instance.
 */
public final class InMemoryOutbox implements Outbox, EventFeed, CommittedEvents {
    private static final Comparator<Row> OLDEST_FIRST = Comparator
            .comparing((Row row) -> row.event.occurredAt())
            .thenComparing(row -> row.event.session().id().value())
            .thenComparingLong(row -> row.event.sequence());

    private final InMemoryStore store;
    private final Events events;
    private final String owner;

    /** The rows every instance of one store shares. */
    static final class Events implements InMemoryStore.Table {
        private List<Row> rows = new ArrayList<>();
        private int failingMarks;
        /** The feed position last handed out: positions only grow, whatever is pruned or rolled back. */
        private long lastPosition;
        /** The relay's lease: who relays, until when. */
        private String relayOwner;
        private Instant relayLeaseUntil;

        @Override
        public Object snapshot() {
            return rows.stream().map(Row::copy).toList();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object snapshot) {
            rows = new ArrayList<>((List<Row>) snapshot);
        }
    }

    private static final class Row {
        final SessionEvent event;
        final long position;
        Instant publishedAt;
        int relayFailures;
        boolean setAside;

        Row(SessionEvent event, long position) {
            this.event = event;
            this.position = position;
        }

        Row copy() {
            Row copy = new Row(event, position);
            copy.publishedAt = publishedAt;
            copy.relayFailures = relayFailures;
            copy.setAside = setAside;
            return copy;
        }
    }

    InMemoryOutbox(InMemoryStore store, Events events, String owner) {
        this.store = store;
        this.events = events;
        this.owner = owner;
    }

    @Override
    public void append(List<SessionEvent> appended) {
        synchronized (store) {
            store.requireUnitOfWork("append");
            for (SessionEvent event : appended) {
                if (row(event.id()).isPresent()) {
                    throw new IllegalStateException("duplicate event " + event.id());
                }
                events.rows.add(new Row(event, ++events.lastPosition));
            }
        }
    }

    @Override
    public List<SessionEvent> claimUnpublished(int limit, Duration lease) {
        synchronized (store) {
            Instant now = store.clock().instant();
            if (events.relayOwner != null && !events.relayOwner.equals(owner) && !events.relayLeaseUntil.isBefore(now)) {
                return List.of();
            }
            events.relayOwner = owner;
            events.relayLeaseUntil = now.plus(lease);
            Map<SessionId, Row> earliest = new LinkedHashMap<>();
            events.rows.stream()
                    .filter(row -> row.publishedAt == null && !row.setAside)
                    .sorted(OLDEST_FIRST)
                    .limit(limit)
                    .forEach(row -> earliest.merge(row.event.session().id(), row,
                            (known, other) -> known.event.sequence() <= other.event.sequence() ? known : other));
            List<SessionEvent> claimed = new ArrayList<>();
            for (Row row : earliest.values()) {
                boolean blocked = events.rows.stream().anyMatch(other -> other.publishedAt == null
                        && other.event.session().id().equals(row.event.session().id())
                        && other.event.sequence() < row.event.sequence());
                if (!blocked) {
                    claimed.add(row.event);
                }
            }
            return claimed;
        }
    }

    @Override
    public void markPublished(List<EventId> ids) {
        synchronized (store) {
            if (events.failingMarks > 0) {
                events.failingMarks--;
                throw new IllegalStateException("deadlock found when trying to get lock");
            }
            Instant now = store.clock().instant();
            ids.forEach(id -> row(id).filter(row -> row.publishedAt == null).ifPresent(row -> row.publishedAt = now));
        }
    }

    /** Gives up the relay's lease if this instance holds it; another instance's stays. */
    @Override
    public void release() {
        synchronized (store) {
            if (owner.equals(events.relayOwner)) {
                events.relayOwner = null;
                events.relayLeaseUntil = null;
            }
        }
    }

    /** Counts the failure; at the limit the event is set aside. */
    @Override
    public boolean recordFailure(EventId id, int limit) {
        synchronized (store) {
            Optional<Row> waiting = row(id).filter(row -> row.publishedAt == null);
            waiting.ifPresent(row -> row.relayFailures++);
            return waiting.filter(row -> !row.setAside && row.relayFailures >= limit).map(row -> {
                row.setAside = true;
                return true;
            }).orElse(false);
        }
    }

    @Override
    public int prunePublishedBefore(Instant cutoff) {
        synchronized (store) {
            int before = events.rows.size();
            events.rows.removeIf(row -> row.publishedAt != null && row.publishedAt.isBefore(cutoff));
            return before - events.rows.size();
        }
    }

    @Override
    public Backlog backlog() {
        synchronized (store) {
            List<Row> waiting = events.rows.stream().filter(row -> row.publishedAt == null).toList();
            return new Backlog(waiting.size(), waiting.stream().map(row -> row.event.occurredAt())
                    .min(Comparator.naturalOrder()).orElse(null));
        }
    }

    /** A cursor that names no event of the business has nothing after it. */
    @Override
    public Page<SessionEvent> listForBusiness(BusinessId business, Optional<EventId> after, int limit) {
        synchronized (store) {
            List<SessionEvent> own = events.rows.stream().map(row -> row.event)
                    .filter(event -> event.session().businessId().equals(business))
                    .toList();
            int start = 0;
            if (after.isPresent()) {
                List<EventId> ids = own.stream().map(SessionEvent::id).toList();
                if (!ids.contains(after.get())) {
                    return new Page<>(List.of(), false);
                }
                start = ids.indexOf(after.get()) + 1;
            }
            List<SessionEvent> rest = own.subList(start, own.size());
            return new Page<>(rest.stream().limit(limit).toList(), rest.size() > limit);
        }
    }

    /** Events are positioned as they are appended (a unit of work here commits in that order). */
    @Override
    public long latestPosition() {
        synchronized (store) {
            return events.lastPosition;
        }
    }

    @Override
    public List<EventFeed.Positioned> positionedAfter(long position, int limit) {
        synchronized (store) {
            return events.rows.stream()
                    .filter(row -> row.position > position)
                    .limit(limit)
                    .map(row -> new EventFeed.Positioned(row.position, row.event.session().id().value(),
                            row.event.sequence()))
                    .toList();
        }
    }

    @Override
    public List<CommittedEvents.Positioned> after(long position, int limit) {
        synchronized (store) {
            return events.rows.stream()
                    .filter(row -> row.position > position)
                    .limit(limit)
                    .map(row -> new CommittedEvents.Positioned(row.position, row.event))
                    .toList();
        }
    }

    /** Every event, in commit order. */
    public List<SessionEvent> all() {
        synchronized (store) {
            return events.rows.stream().map(row -> row.event).toList();
        }
    }

    /** The next {@code count} markings fail, as when the database picks them as a deadlock's victim. */
    public void failNextMarks(int count) {
        synchronized (store) {
            events.failingMarks = count;
        }
    }

    public List<EventId> published() {
        synchronized (store) {
            return events.rows.stream().filter(row -> row.publishedAt != null).map(row -> row.event.id()).toList();
        }
    }

    /** Events the relay set aside after too many failures of their own. */
    public List<EventId> setAside() {
        synchronized (store) {
            return events.rows.stream().filter(row -> row.setAside).map(row -> row.event.id()).toList();
        }
    }

    /** Whether some instance holds a relay lease that has not run out. */
    public boolean relayLeased() {
        synchronized (store) {
            return events.relayOwner != null && !events.relayLeaseUntil.isBefore(store.clock().instant());
        }
    }

    private Optional<Row> row(EventId id) {
        return events.rows.stream().filter(row -> row.event.id().equals(id)).findFirst();
    }
}
