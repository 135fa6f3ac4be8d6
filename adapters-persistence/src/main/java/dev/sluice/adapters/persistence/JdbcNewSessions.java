package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.NewSessions;
import dev.sluice.domain.session.Change;
import io.helidon.dbclient.DbClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * New sessions written by group commit: whatever concurrent requests handed in while the previous
 * transaction ran goes in one transaction (see {@link GroupCommit}): feed positions reserved for
 * all their events, one SELECT of what the batch must know ({@link FirstRead}), every session whose
 * widget is still at the version it was checked against in one INSERT, their events in the next,
 * then one COMMIT. MariaDB writes the same rows several times faster 10–60 to a transaction than
 * one to a transaction, and a request still returns only after the commit that holds its session.
 *
 * <p>The events take their feed positions in the same transaction, in the order the requests
 * arrived, under the feed's sequencer (see {@link JdbcEventFeed#reserve}): positioning them after
 * the commit, as every other event is, cost a second write of every row.
 *
 * <p>Five round trips a batch, the fewest these statements allow: under load the committer is busy
 * all the time, and each round trip waits for a core as much as for the server.
 *
 * <p>Plain JDBC on a connection of the committer's own pool: it is the one writer that binds
 * thousands of parameters a second.
 */
final class JdbcNewSessions implements NewSessions, AutoCloseable {
    /** Sessions per transaction at most: 64 sessions and their events are two statements of 1,600 and 1,984 parameters. */
    static final int MAX_BATCH = 64;
    /** Requests that may wait for a transaction; with 64 a transaction, this is many transactions of backlog. */
    static final int CAPACITY = 4096;

    private static final RowsInsert SESSIONS = new RowsInsert("deposit_sessions", SessionRow.COLUMNS);
    // the feed position last, so that an event's row is its columns' values with one more slot
    private static final RowsInsert EVENTS = new RowsInsert("outbox_events", EventRow.COLUMNS + ", feed_position");
    private static final int FEED_POSITION = EventRow.COLUMN_NAMES.size();

    /**
     * A session waiting for its transaction, its rows already in column order: the requests' own
     * threads build them, many at once, so that the one committer thread only binds them.
     */
    private record Pending(String widgetId, long widgetVersion, Object[] session, List<Object[]> events) {
        static Pending of(Change created, long widgetVersion) {
            // a new session has no payments yet: NewSessionsContract reads it back as the single-row path stores it
            Object[] session = SessionRow.values(created.session());
            return new Pending(created.session().widgetId().value(), widgetVersion, session,
                    created.events().stream().map(event -> Arrays.copyOf(EventRow.values(event,
                            event.session() == created.session() ? session : SessionRow.values(event.session())),
                            FEED_POSITION + 1)).toList());
        }
    }

    private final DbClient committer;
    private final GroupCommit<Pending, Boolean> commits;

    /** {@code committer}: a client whose connections only the committer uses, so that it never queues behind requests for one. */
    JdbcNewSessions(DbClient committer) {
        this.committer = committer;
        this.commits = new GroupCommit<>("sluice-session-committer", MAX_BATCH, CAPACITY, this::write);
    }

    @Override
    public boolean add(Change created, long widgetVersion) {
        return commits.submit(Pending.of(created, widgetVersion));
    }

    /** Sessions waiting for a transaction. */
    int waiting() {
        return commits.waiting();
    }

    /** Whether each session was stored: not when its widget changed since it was checked. */
    private List<Boolean> write(List<Pending> batch) {
        return PlainJdbc.inTransaction(committer, connection -> write(connection, batch));
    }

    private static List<Boolean> write(Connection connection, List<Pending> batch) throws SQLException {
        int reserved = batch.stream().mapToInt(pending -> pending.events().size()).sum();
        JdbcEventFeed.reserve(connection, reserved);
        FirstRead read = FirstRead.of(connection, batch.stream().map(Pending::widgetId).distinct().toList());
        long position = JdbcEventFeed.positionCommitted(connection, read.lastPosition() - reserved, read.unpositioned());
        List<Boolean> stored = new ArrayList<>(batch.size());
        List<Pending> current = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            boolean unchanged = read.widgetVersions().getOrDefault(pending.widgetId(), -1L) == pending.widgetVersion();
            stored.add(unchanged);
            if (unchanged) {
                current.add(pending);
            }
        }
        List<Object[]> events = current.stream().flatMap(pending -> pending.events().stream()).toList();
        for (Object[] event : events) {
            // a batch written again one by one takes new positions: the first try rolled back
            event[FEED_POSITION] = ++position;
        }
        if (position != read.lastPosition()) {
            // committed events went first, or sessions were left out: the reservation was not what was used
            JdbcEventFeed.advance(connection, position);
        }
        SESSIONS.run(connection, current.stream().map(Pending::session).toList());
        EVENTS.run(connection, events);
        return stored;
    }

    /**
     * What a batch reads once it holds the sequencer, in one statement, for one round trip less each:
     * where its reservation of positions ends, the versions of its widgets, and the events other
     * transactions committed without a position (see {@link JdbcEventFeed#reserve}).
     */
    private record FirstRead(long lastPosition, Map<String, Long> widgetVersions, List<String> unpositioned) {
        private static final String LAST_POSITION = "P";
        private static final String WIDGET = "W";
        private static final String UNPOSITIONED = "E";
        // the longest list of widgets is a batch's
        private static final ListStatement SQL = new ListStatement("newSessions.firstRead", n ->
                "SELECT '" + LAST_POSITION + "' AS kind, CAST(NULL AS VARCHAR(40)) AS id, last_position AS number"
                        + " FROM (" + JdbcEventFeed.LAST_POSITION + ") sequencer"
                        + " UNION ALL SELECT '" + WIDGET + "', widget_id, version FROM widgets WHERE widget_id IN ("
                        + ListStatement.parameters(n) + ")"
                        + " UNION ALL SELECT '" + UNPOSITIONED + "', event_id, append_order FROM ("
                        + JdbcEventFeed.UNPOSITIONED + ") unpositioned");

        static FirstRead of(Connection connection, List<String> widgetIds) throws SQLException {
            List<String> ids = ListStatement.chunks(widgetIds).getFirst();
            Long lastPosition = null;
            Map<String, Long> versions = new HashMap<>();
            Map<Long, String> unpositioned = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(SQL.sql(ids.size()))) {
                for (int i = 0; i < ids.size(); i++) {
                    select.setString(i + 1, ids.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        switch (rows.getString(1)) {
                            case LAST_POSITION -> lastPosition = rows.getLong(3);
                            case WIDGET -> versions.put(rows.getString(2), rows.getLong(3));
                            default -> unpositioned.put(rows.getLong(3), rows.getString(2));
                        }
                    }
                }
            }
            if (lastPosition == null) {
                throw new IllegalStateException("feed_sequencer has lost its row");
            }
            // a union's rows come in no particular order: the append order is the feed's
            return new FirstRead(lastPosition, versions, List.copyOf(unpositioned.values()));
        }
    }

    @Override
    public void close() {
        commits.close();
    }
}
