package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.out.DepositSessions.Page;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.BusinessId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The events feed over {@code outbox_events}. An event gets its feed position only after its
 * transaction committed, from one sequencer at a time, and the feed shows positioned events only:
 * an event that commits late is positioned after every event already shown, never behind a cursor.
 */
final class JdbcEventFeed implements EventFeed {
    private static final int BATCH = 500;

    static final Map<String, String> STATEMENTS = Map.of(
            "feed.lockSequencer", "SELECT last_position FROM feed_sequencer WHERE sequencer_id = 1 FOR UPDATE",
            // Committed rows only (READ COMMITTED): a transaction still open is positioned by a later pass.
            // Rows committed since the last pass are taken in the order they were appended.
            "feed.unpositioned", "SELECT event_id FROM outbox_events WHERE feed_position IS NULL"
                    + " ORDER BY append_order LIMIT :limit",
            "feed.position", "UPDATE outbox_events SET feed_position = :position WHERE event_id = :event_id",
            "feed.advance", "UPDATE feed_sequencer SET last_position = :last_position WHERE sequencer_id = 1",
            "feed.positionOf", "SELECT feed_position FROM outbox_events"
                    + " WHERE event_id = :event_id AND business_id = :business_id AND feed_position IS NOT NULL",
            "feed.list", "SELECT " + EventRow.COLUMNS + " FROM outbox_events"
                    + " WHERE business_id = :business_id AND feed_position > :after ORDER BY feed_position LIMIT :limit");

    private final Database db;

    JdbcEventFeed(Database db) {
        this.db = db;
    }

    /**
     * Events of {@code business} after the event {@code after} (from the start without one). A
     * cursor that names no event of the business has nothing after it.
     */
    @Override
    public Page<SessionEvent> listForBusiness(BusinessId business, Optional<EventId> after, int limit) {
        assignPositions();
        long position = 0;
        if (after.isPresent()) {
            Optional<Long> cursor = db.get("feed.positionOf",
                    params("event_id", after.get().value(), "business_id", business.value()),
                    row -> Columns.number(row, "feed_position"));
            if (cursor.isEmpty()) {
                return new Page<>(List.of(), false);
            }
            position = cursor.get();
        }
        List<SessionEvent> rows = db.query("feed.list",
                params("business_id", business.value(), "after", position, "limit", limit + 1), EventRow::read);
        return new Page<>(rows.subList(0, Math.min(limit, rows.size())), rows.size() > limit);
    }

    /** Gives every committed event without a position the next positions, in the order they were appended. */
    void assignPositions() {
        int assigned;
        do {
            assigned = assignBatch();
        } while (assigned == BATCH);
    }

    private int assignBatch() {
        return db.inNewTransaction(() -> {
            long last = db.get("feed.lockSequencer", Map.of(), row -> Columns.number(row, "last_position"))
                    .orElseThrow(() -> new IllegalStateException("feed_sequencer has lost its row"));
            List<String> unpositioned = db.query("feed.unpositioned", params("limit", BATCH),
                    row -> Columns.text(row, "event_id"));
            // Positions follow the append order, but the rows are updated in event-id order, the
            // order every multi-row write of outbox_events locks in, so that no two writers deadlock.
            Map<String, Long> positions = new TreeMap<>();
            for (String eventId : unpositioned) {
                positions.put(eventId, ++last);
            }
            positions.forEach((eventId, position) ->
                    db.dml("feed.position", params("event_id", eventId, "position", position)));
            if (!unpositioned.isEmpty()) {
                db.dml("feed.advance", params("last_position", last));
            }
            return unpositioned.size();
        });
    }
}
