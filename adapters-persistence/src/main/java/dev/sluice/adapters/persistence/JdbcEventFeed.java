package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.BusinessId;
import io.helidon.dbclient.DbClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events feed over {@code outbox_events}. An event gets its feed position after its transaction
 * committed, from one sequencer at a time, or, for the group committer's new sessions, inside their
 * transaction while it holds the sequencer ({@link #reserve}); the feed shows positioned events only:
 * an event that commits late is positioned after every event already shown, never behind a cursor.
 */
final class JdbcEventFeed implements EventFeed, CommittedEvents {
    // one list statement per pass
    private static final int BATCH = ListStatement.MAX;

    private static final String LOCK_SEQUENCER = "SELECT last_position FROM feed_sequencer WHERE sequencer_id = 1 FOR UPDATE";
    private static final String RESERVE = "UPDATE feed_sequencer SET last_position = last_position + ? WHERE sequencer_id = 1";
    static final String LAST_POSITION = "SELECT last_position FROM feed_sequencer WHERE sequencer_id = 1";
    // Committed rows only (READ COMMITTED): a transaction still open is positioned by a later pass.
    // Rows committed since the last pass are taken in the order they were appended. The index is
    // named because MariaDB, misjudging how many rows are NULL (seen after many such rows were
    // deleted and not yet purged), otherwise walks the append_order index from the first row to
    // find none: 3.8 s over 470,000 rows instead of 0.4 ms, on every batch of the committer.
    static final String UNPOSITIONED = "SELECT event_id, append_order FROM outbox_events USE INDEX (outbox_events_feed_position)"
            + " WHERE feed_position IS NULL"
            + " ORDER BY append_order LIMIT " + BATCH;
    private static final String ADVANCE = "UPDATE feed_sequencer SET last_position = ? WHERE sequencer_id = 1";

    static final Map<String, String> STATEMENTS = Map.of(
            "feed.positionOf", "SELECT feed_position FROM outbox_events"
                    + " WHERE event_id = :event_id AND business_id = :business_id AND feed_position IS NOT NULL",
            "feed.list", "SELECT " + EventRow.COLUMNS + " FROM outbox_events"
                    + " WHERE business_id = :business_id AND feed_position > :after ORDER BY feed_position LIMIT :limit",
            "feed.after", "SELECT feed_position, " + EventRow.COLUMNS + " FROM outbox_events"
                    + " WHERE feed_position > :after ORDER BY feed_position LIMIT :limit",
            // the sequencer advances in the transaction that positions, so every position up to it is visible
            "feed.latest", LAST_POSITION,
            "feed.positionedAfter", "SELECT feed_position, session_id, sequence FROM outbox_events"
                    + " WHERE feed_position > :after ORDER BY feed_position LIMIT :limit");

    // The k-th id of the CASE gets position base + k; the IN list names the same rows in event-id
    // order. Offsets are literals, so the text depends on the length only (see ListStatement).
    private static final ListStatement POSITION = new ListStatement("feed.position", n -> {
        StringBuilder sql = new StringBuilder("UPDATE outbox_events SET feed_position = ? + CASE event_id");
        for (int k = 1; k <= n; k++) {
            sql.append(" WHEN ? THEN ").append(k);
        }
        return sql.append(" END WHERE event_id IN (").append(ListStatement.parameters(n)).append(')').toString();
    });

    private final Database requests;
    private final DbClient sequencer;

    /**
     * {@code requests} serves reads; {@code sequencer} assigns positions on connections of its own,
     * so that a pass never queues behind requests for one.
     */
    JdbcEventFeed(Database requests, DbClient sequencer) {
        this.requests = requests;
        this.sequencer = sequencer;
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
            Optional<Long> cursor = requests.get("feed.positionOf",
                    params("event_id", after.get().value(), "business_id", business.value()),
                    row -> Columns.number(row, "feed_position"));
            if (cursor.isEmpty()) {
                return new Page<>(List.of(), false);
            }
            position = cursor.get();
        }
        List<SessionEvent> rows = requests.query("feed.list",
                params("business_id", business.value(), "after", position, "limit", limit + 1), EventRow::read);
        return new Page<>(rows.subList(0, Math.min(limit, rows.size())), rows.size() > limit);
    }

    /** Every business's events after {@code position}, positioning the newly committed ones first. */
    @Override
    public List<CommittedEvents.Positioned> after(long position, int limit) {
        assignPositions();
        return requests.query("feed.after", params("after", position, "limit", limit),
                row -> new CommittedEvents.Positioned(Columns.number(row, "feed_position"), EventRow.read(row)));
    }

    @Override
    public long latestPosition() {
        return requests.get("feed.latest", Map.of(), row -> Columns.number(row, "last_position"))
                .orElseThrow(() -> new IllegalStateException("feed_sequencer has lost its row"));
    }

    @Override
    public List<EventFeed.Positioned> positionedAfter(long position, int limit) {
        return requests.query("feed.positionedAfter", params("after", position, "limit", limit),
                row -> new EventFeed.Positioned(Columns.number(row, "feed_position"), Columns.text(row, "session_id"),
                        Columns.number(row, "sequence")));
    }

    /**
     * Reserves the next {@code count} positions for events that {@code connection}'s transaction is
     * inserting, and with them the sequencer: it stays locked until the transaction ends, so no other
     * position is given meanwhile and the new ones become visible at once, when it commits: a reader
     * never finds a gap that fills in behind its cursor. The transaction then reads where the
     * reservation ends ({@link #LAST_POSITION}) and the events committed without a position before
     * it took the sequencer ({@link #UNPOSITIONED}), which go first ({@link #positionCommitted}).
     */
    static void reserve(Connection connection, int count) throws SQLException {
        try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
            reserve.setInt(1, count);
            if (reserve.executeUpdate() != 1) {
                throw new IllegalStateException("feed_sequencer has lost its row");
            }
        }
    }

    /** Gives every committed event without a position the next positions, in the order they were appended. */
    void assignPositions() {
        int assigned;
        do {
            assigned = PlainJdbc.inTransaction(sequencer, connection -> {
                long last = lockSequencer(connection);
                List<String> unpositioned = unpositioned(connection);
                position(connection, last, unpositioned);
                if (!unpositioned.isEmpty()) {
                    advance(connection, last + unpositioned.size());
                }
                return unpositioned.size();
            });
        } while (assigned == BATCH);
    }

    private static long lockSequencer(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_SEQUENCER);
                ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("feed_sequencer has lost its row");
            }
            return row.getLong(1);
        }
    }

    /**
     * Positions {@code unpositioned}, read by {@link #UNPOSITIONED} under the sequencer, after
     * {@code last}, then any committed events that a full read left behind; returns the last
     * position given.
     */
    static long positionCommitted(Connection connection, long last, List<String> unpositioned) throws SQLException {
        List<String> batch = unpositioned;
        position(connection, last, batch);
        last += batch.size();
        while (batch.size() == BATCH) {
            batch = unpositioned(connection);
            position(connection, last, batch);
            last += batch.size();
        }
        return last;
    }

    private static List<String> unpositioned(Connection connection) throws SQLException {
        List<String> unpositioned = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(UNPOSITIONED);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                unpositioned.add(rows.getString(1));
            }
        }
        return unpositioned;
    }

    /** Gives {@code events} (at most a batch), in their order, the positions after {@code last}. */
    private static void position(Connection connection, long last, List<String> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        // Positions follow the append order, but the rows are locked in event-id order, the
        // order every multi-row write of outbox_events locks in, so that no two writers deadlock.
        List<String> chunk = ListStatement.chunks(events).getFirst();
        try (PreparedStatement position = connection.prepareStatement(POSITION.sql(chunk.size()))) {
            int index = 1;
            position.setLong(index++, last);
            for (String id : chunk) {
                position.setString(index++, id);
            }
            for (String id : chunk.stream().sorted().toList()) {
                position.setString(index++, id);
            }
            position.executeUpdate();
        }
    }

    static void advance(Connection connection, long last) throws SQLException {
        try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
            advance.setLong(1, last);
            advance.executeUpdate();
        }
    }
}
