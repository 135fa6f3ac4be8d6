package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.utc;
import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.out.Outbox;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import io.helidon.dbclient.DbRow;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox over {@code outbox_events}. Claims lease rows to this instance ({@code lease_owner},
 * {@code lease_until}) in a short transaction of their own, so relays on several instances share
 * the table without sending one event twice or a session's events out of order.
 */
final class JdbcOutbox implements Outbox {
    static final Map<String, String> STATEMENTS = Map.of(
            "outbox.insert", Sql.insert("outbox_events", EventRow.COLUMNS),
            // The oldest waiting events, of which a claim keeps each session's next one (see nextOfEachSession);
            // SKIP LOCKED lets another instance's concurrent claim take other rows.
            "outbox.waiting", "SELECT " + EventRow.COLUMNS + " FROM outbox_events"
                    + " WHERE published_at IS NULL AND set_aside_at IS NULL AND (lease_until IS NULL OR lease_until < :now)"
                    + " ORDER BY occurred_at, session_id, sequence LIMIT :limit FOR UPDATE SKIP LOCKED",
            // An event leaves the feed with the outbox: only those the feed has positioned are pruned.
            "outbox.prune", "DELETE FROM outbox_events WHERE published_at < :cutoff AND feed_position IS NOT NULL",
            "outbox.backlog", "SELECT COUNT(*) AS waiting, MIN(occurred_at) AS oldest FROM outbox_events"
                    + " WHERE published_at IS NULL",
            "outbox.countFailure", "UPDATE outbox_events SET relay_failures = relay_failures + 1, lease_owner = NULL,"
                    + " lease_until = NULL WHERE event_id = :event_id AND published_at IS NULL",
            // a statement of its own: MySQL and H2 disagree on whether a SET sees the column's new value
            "outbox.setAside", "UPDATE outbox_events SET set_aside_at = :now WHERE event_id = :event_id"
                    + " AND relay_failures >= :limit AND set_aside_at IS NULL");

    // One statement per list of events, their ids in lock order; see ListStatement.
    private static final ListStatement LEASE = new ListStatement("outbox.lease", n ->
            "UPDATE outbox_events SET lease_owner = ?, lease_until = ? WHERE event_id IN ("
                    + ListStatement.parameters(n) + ")");
    private static final ListStatement MARK_PUBLISHED = new ListStatement("outbox.markPublished", n ->
            "UPDATE outbox_events SET published_at = ?, lease_owner = NULL, lease_until = NULL"
                    + " WHERE event_id IN (" + ListStatement.parameters(n) + ") AND published_at IS NULL");
    private static final ListStatement RELEASE = new ListStatement("outbox.release", n ->
            "UPDATE outbox_events SET lease_owner = NULL, lease_until = NULL"
                    + " WHERE event_id IN (" + ListStatement.parameters(n) + ") AND lease_owner = ?"
                    + " AND published_at IS NULL");

    private static final ListStatement SESSION_EVENTS = new ListStatement("outbox.sessionEvents", n ->
            "SELECT session_id, sequence, published_at FROM outbox_events WHERE session_id IN ("
                    + ListStatement.parameters(n) + ")");

    private record StoredEvent(SessionId session, long sequence, boolean published) {
        static StoredEvent read(DbRow row) {
            return new StoredEvent(new SessionId(Columns.text(row, "session_id")), Columns.number(row, "sequence"),
                    Columns.instant(row, "published_at") != null);
        }
    }

    private final Database requests;
    private final Database relay;
    private final String owner;
    private final InstantSource clock;

    /**
     * {@code requests} runs appends, inside the callers' units of work; {@code relay} everything
     * else, on connections of its own, so that the relay never queues behind requests for one.
     */
    JdbcOutbox(Database requests, Database relay, String owner, InstantSource clock) {
        this.requests = requests;
        this.relay = relay;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public void append(List<SessionEvent> events) {
        for (SessionEvent event : events) {
            requests.dml("outbox.insert", EventRow.params(event));
        }
    }

    @Override
    public List<SessionEvent> claimUnpublished(int limit, Duration lease) {
        Instant now = clock.instant();
        return relay.inNewTransaction(() -> {
            List<SessionEvent> events = nextOfEachSession(
                    relay.query("outbox.waiting", params("now", utc(now), "limit", limit), EventRow::read));
            // The claim locked these rows already, so leasing them waits for no one.
            update(LEASE, List.of(owner, utc(now.plus(lease))), events.stream().map(SessionEvent::id).toList(),
                    List.of());
            return events;
        });
    }

    /**
     * Of the waiting events, each session's earliest, unless an earlier event of its session is still
     * unpublished (leased to another instance, or locked by its claim): event n+1 never leaves before
     * n is acknowledged.
     *
     * <p>Asked in SQL ({@code NOT EXISTS} an earlier unpublished event), MariaDB answered from the
     * {@code published_at} index and so scanned the whole backlog once per candidate: once a backlog
     * built up, a claim of 2,000 events examined 364,000 rows and took 34 s, and the relay fell ever
     * further behind. Here a claim reads the waiting rows once, plus the events of the sessions whose
     * next event is not their first, by the unique {@code (session_id, sequence)} key.
     *
     * <p>The blocked events still take places in the claim's window: should the oldest {@code limit}
     * waiting events all wait behind another instance's leases, a pass claims nothing until that
     * instance publishes them or its leases run out.
     */
    private List<SessionEvent> nextOfEachSession(List<SessionEvent> waiting) {
        Map<SessionId, SessionEvent> earliest = new LinkedHashMap<>();
        for (SessionEvent event : waiting) {
            earliest.merge(event.session().id(), event, (known, other) -> known.sequence() <= other.sequence()
                    ? known : other);
        }
        List<String> withEarlierEvents = earliest.values().stream()
                .filter(event -> event.sequence() > 1)
                .map(event -> event.session().id().value())
                .toList();
        Set<SessionId> blocked = new HashSet<>();
        for (List<String> chunk : ListStatement.chunks(withEarlierEvents)) {
            relay.query(SESSION_EVENTS.name(), SESSION_EVENTS.sql(chunk.size()), chunk, StoredEvent::read)
                    .stream()
                    .filter(stored -> !stored.published()
                            && stored.sequence() < earliest.get(stored.session()).sequence())
                    .forEach(stored -> blocked.add(stored.session()));
        }
        return earliest.values().stream().filter(event -> !blocked.contains(event.session().id())).toList();
    }

    @Override
    public void markPublished(List<EventId> events) {
        update(MARK_PUBLISHED, List.of(utc(clock.instant())), events, List.of());
    }

    @Override
    public void release(List<EventId> events) {
        update(RELEASE, List.of(), events, List.of(owner));
    }

    @Override
    public boolean recordFailure(EventId event, int limit) {
        return relay.inTransaction(() -> {
            relay.dml("outbox.countFailure", params("event_id", event.value()));
            return relay.dml("outbox.setAside", params("event_id", event.value(), "limit", limit,
                    "now", utc(clock.instant()))) == 1;
        });
    }

    @Override
    public int prunePublishedBefore(Instant cutoff) {
        return (int) relay.dml("outbox.prune", params("cutoff", utc(cutoff)));
    }

    @Override
    public Backlog backlog() {
        return relay.get("outbox.backlog", Map.of(), row -> new Backlog(Columns.number(row, "waiting"),
                Columns.instant(row, "oldest"))).orElseThrow();
    }

    /**
     * Runs {@code statement} over {@code events} in one transaction, with {@code before} and
     * {@code after} as the parameters around the list of ids.
     *
     * <p>Every multi-row write of outbox_events locks its rows in event-id order, so a relay marking
     * events and the feed positioner numbering them never wait on each other in a cycle: the ids go
     * sorted, chunk after chunk, and an {@code IN} list on the primary key is a range the server
     * reads, and locks, in index order.
     */
    private void update(ListStatement statement, List<?> before, List<EventId> events, List<?> after) {
        List<String> ids = events.stream().map(EventId::value).sorted().toList();
        relay.inTransaction(() -> {
            for (List<String> chunk : ListStatement.chunks(ids)) {
                List<Object> values = new ArrayList<>(before);
                values.addAll(chunk);
                values.addAll(after);
                relay.dml(statement.name(), statement.sql(chunk.size()), values);
            }
            return null;
        });
    }
}
