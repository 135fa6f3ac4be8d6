package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.utc;
import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.out.Outbox;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The outbox over {@code outbox_events}. Claims lease rows to this instance ({@code lease_owner},
 * {@code lease_until}) in a short transaction of their own, so relays on several instances share
 * the table without sending one event twice or a session's events out of order.
 */
final class JdbcOutbox implements Outbox {
    static final Map<String, String> STATEMENTS = Map.of(
            "outbox.insert", Sql.insert("outbox_events", EventRow.COLUMNS),
            // Only a session's earliest unpublished event is claimable, so event n+1 never leaves before n
            // is acknowledged; SKIP LOCKED lets another instance's concurrent claim take other rows.
            "outbox.claimable", "SELECT " + EventRow.COLUMNS + " FROM outbox_events e"
                    + " WHERE e.published_at IS NULL AND (e.lease_until IS NULL OR e.lease_until < :now)"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox_events p WHERE p.session_id = e.session_id"
                    + " AND p.sequence < e.sequence AND p.published_at IS NULL)"
                    + " ORDER BY e.occurred_at, e.session_id, e.sequence LIMIT :limit FOR UPDATE SKIP LOCKED",
            "outbox.lease", "UPDATE outbox_events SET lease_owner = :owner, lease_until = :until"
                    + " WHERE event_id = :event_id",
            "outbox.markPublished", "UPDATE outbox_events SET published_at = :now, lease_owner = NULL,"
                    + " lease_until = NULL WHERE event_id = :event_id AND published_at IS NULL",
            "outbox.release", "UPDATE outbox_events SET lease_owner = NULL, lease_until = NULL"
                    + " WHERE event_id = :event_id AND lease_owner = :owner AND published_at IS NULL",
            // An event leaves the feed with the outbox: only those the feed has positioned are pruned.
            "outbox.prune", "DELETE FROM outbox_events WHERE published_at < :cutoff AND feed_position IS NOT NULL",
            "outbox.backlog", "SELECT COUNT(*) AS waiting, MIN(occurred_at) AS oldest FROM outbox_events"
                    + " WHERE published_at IS NULL");

    private final Database db;
    private final String owner;
    private final InstantSource clock;

    JdbcOutbox(Database db, String owner, InstantSource clock) {
        this.db = db;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public void append(List<SessionEvent> events) {
        for (SessionEvent event : events) {
            db.dml("outbox.insert", EventRow.params(event));
        }
    }

    @Override
    public List<SessionEvent> claimUnpublished(int limit, Duration lease) {
        Instant now = clock.instant();
        return db.inNewTransaction(() -> {
            List<SessionEvent> events = db.query("outbox.claimable", params("now", utc(now), "limit", limit),
                    EventRow::read);
            for (SessionEvent event : events) {
                db.dml("outbox.lease", params("event_id", event.id().value(), "owner", owner,
                        "until", utc(now.plus(lease))));
            }
            return events;
        });
    }

    @Override
    public void markPublished(List<EventId> events) {
        Instant now = clock.instant();
        db.inTransaction(() -> {
            inLockOrder(events).forEach(id -> db.dml("outbox.markPublished", params("event_id", id, "now", utc(now))));
            return null;
        });
    }

    @Override
    public void release(List<EventId> events) {
        db.inTransaction(() -> {
            inLockOrder(events).forEach(id -> db.dml("outbox.release", params("event_id", id, "owner", owner)));
            return null;
        });
    }

    @Override
    public int prunePublishedBefore(Instant cutoff) {
        return (int) db.dml("outbox.prune", params("cutoff", utc(cutoff)));
    }

    @Override
    public Backlog backlog() {
        return db.get("outbox.backlog", Map.of(), row -> new Backlog(Columns.number(row, "waiting"),
                Columns.instant(row, "oldest"))).orElseThrow();
    }

    /**
     * Every multi-row write of outbox_events locks its rows in event-id order, so a relay marking
     * events and the feed positioner numbering them never wait on each other in a cycle.
     */
    private static List<String> inLockOrder(List<EventId> events) {
        return events.stream().map(EventId::value).sorted().toList();
    }
}
