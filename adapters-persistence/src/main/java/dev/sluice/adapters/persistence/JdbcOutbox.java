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
 * The outbox over {@code outbox_events}. One instance relays at a time: a claim first takes or
 * renews the relay's lease ({@code outbox_relay}, one row), and returns nothing while another
 * instance holds it. The events themselves are read without locks and written once, when they are
 * marked published: a lock and a lease written on every event made MariaDB spend about a quarter
 * more CPU per created session under load (the bench, 64 connections), and one relay outpaces the
 * API by far anyway. A relay that dies holds the others back until its lease runs out; one that
 * stops gives the lease up ({@link #release}).
 */
final class JdbcOutbox implements Outbox {
    static final Map<String, String> STATEMENTS = Map.of(
            "outbox.insert", Sql.insert("outbox_events", EventRow.COLUMNS),
            "outbox.takeLease", "UPDATE outbox_relay SET owner = :owner, lease_until = :until WHERE relay_id = 1"
                    + " AND (owner IS NULL OR owner = :owner OR lease_until < :now)",
            "outbox.releaseLease", "UPDATE outbox_relay SET owner = NULL, lease_until = NULL WHERE relay_id = 1"
                    + " AND owner = :owner",
            // The oldest waiting events, of which a claim keeps each session's next one (see nextOfEachSession).
            "outbox.waiting", "SELECT " + EventRow.COLUMNS + " FROM outbox_events"
                    + " WHERE published_at IS NULL AND set_aside_at IS NULL"
                    + " ORDER BY occurred_at, session_id, sequence LIMIT :limit",
            // An event leaves the feed with the outbox: only those the feed has positioned are pruned.
            "outbox.prune", "DELETE FROM outbox_events WHERE published_at < :cutoff AND feed_position IS NOT NULL",
            "outbox.backlog", "SELECT COUNT(*) AS waiting, MIN(occurred_at) AS oldest FROM outbox_events"
                    + " WHERE published_at IS NULL",
            "outbox.countFailure", "UPDATE outbox_events SET relay_failures = relay_failures + 1"
                    + " WHERE event_id = :event_id AND published_at IS NULL",
            // a statement of its own: MySQL and H2 disagree on whether a SET sees the column's new value
            "outbox.setAside", "UPDATE outbox_events SET set_aside_at = :now WHERE event_id = :event_id"
                    + " AND relay_failures >= :limit AND set_aside_at IS NULL");

    // One statement per list of events, their ids in lock order; see ListStatement.
    private static final ListStatement MARK_PUBLISHED = new ListStatement("outbox.markPublished", n ->
            "UPDATE outbox_events SET published_at = ? WHERE event_id IN (" + ListStatement.parameters(n) + ")"
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
            if (relay.dml("outbox.takeLease", params("owner", owner, "until", utc(now.plus(lease)), "now", utc(now))) == 0) {
                return List.of();
            }
            return nextOfEachSession(
                    relay.query("outbox.waiting", params("limit", limit), EventRow::read));
        });
    }

    /**
     * Of the waiting events, each session's earliest, unless an earlier event of its session is still
     * unpublished (set aside, or beyond the claim's window): event n+1 never leaves before n is
     * acknowledged.
     *
     * <p>Asked in SQL ({@code NOT EXISTS} an earlier unpublished event), MariaDB answered from the
     * {@code published_at} index and so scanned the whole backlog once per candidate: once a backlog
     * built up, a claim of 2,000 events examined 364,000 rows and took 34 s, and the relay fell ever
     * further behind. Here a claim reads the waiting rows once, plus the events of the sessions whose
     * next event is not their first, by the unique {@code (session_id, sequence)} key.
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
        List<String> ids = events.stream().map(EventId::value).sorted().toList();
        String now = utc(clock.instant());
        // ids sorted, and an IN list on the primary key is a range read and locked in index order,
        // so that marking never waits in a cycle with the feed positioner, which locks the same way
        relay.inTransaction(() -> {
            for (List<String> chunk : ListStatement.chunks(ids)) {
                List<Object> values = new ArrayList<>(List.of(now));
                values.addAll(chunk);
                relay.dml(MARK_PUBLISHED.name(), MARK_PUBLISHED.sql(chunk.size()), values);
            }
            return null;
        });
    }

    @Override
    public void release() {
        relay.dml("outbox.releaseLease", params("owner", owner));
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
}
