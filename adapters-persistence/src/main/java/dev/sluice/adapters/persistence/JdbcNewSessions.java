package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.NewSessions;
import dev.sluice.domain.session.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * New sessions written by group commit: whatever concurrent requests handed in while the previous
 * transaction ran goes in one transaction (see {@link GroupCommit}): the versions of their widgets
 * in one SELECT, every session whose widget is still at the version it was checked against in one
 * INSERT, their events in the next, then one COMMIT. MariaDB writes the same rows several times
 * faster 10–60 to a transaction than one to a transaction, and a request still returns only after
 * the commit that holds its session.
 *
 * <p>The events get their feed positions after they commit, like any other (see {@link JdbcEventFeed});
 * within a batch they are appended in the order the requests arrived.
 */
final class JdbcNewSessions implements NewSessions, AutoCloseable {
    /** Sessions per transaction at most: 64 session rows and their events make statements of about 6 KB. */
    static final int MAX_BATCH = 64;
    /** Requests that may wait for a transaction; with 64 a transaction, this is many transactions of backlog. */
    static final int CAPACITY = 4096;

    private static final ListStatement WIDGET_VERSIONS = new ListStatement("widgets.versions", n ->
            "SELECT widget_id, version FROM widgets WHERE widget_id IN (" + ListStatement.parameters(n) + ")");
    private static final RowsInsert SESSIONS = new RowsInsert("sessions.insertMany", "deposit_sessions",
            SessionRow.COLUMNS);
    private static final RowsInsert EVENTS = new RowsInsert("outbox.insertMany", "outbox_events", EventRow.COLUMNS);

    private record Pending(Change created, long widgetVersion) {
        String widgetId() {
            return created.session().widgetId().value();
        }
    }

    private final Database db;
    private final GroupCommit<Pending, Boolean> commits;

    /** {@code db}: whose connections only the committer uses, so that it never queues behind requests for one. */
    JdbcNewSessions(Database db) {
        this.db = db;
        this.commits = new GroupCommit<>("sluice-session-committer", MAX_BATCH, CAPACITY, this::write);
    }

    @Override
    public boolean add(Change created, long widgetVersion) {
        return commits.submit(new Pending(created, widgetVersion));
    }

    /** Sessions waiting for a transaction. */
    int waiting() {
        return commits.waiting();
    }

    /** Whether each session was stored: not when its widget changed since it was checked. */
    private List<Boolean> write(List<Pending> batch) {
        return db.inNewTransaction(() -> {
            Map<String, Long> versions = widgetVersions(batch.stream().map(Pending::widgetId).distinct().toList());
            List<Boolean> stored = new ArrayList<>(batch.size());
            List<Change> current = new ArrayList<>(batch.size());
            for (Pending pending : batch) {
                boolean unchanged = versions.getOrDefault(pending.widgetId(), -1L) == pending.widgetVersion();
                stored.add(unchanged);
                if (unchanged) {
                    current.add(pending.created());
                }
            }
            // the rows JdbcDepositSessions.add and JdbcOutbox.append write, many to a statement (a new
            // session has no payments yet: NewSessionsContract reads it back as the single-row path stores it)
            SESSIONS.run(db, current.stream().map(change -> SessionRow.params(change.session())).toList());
            EVENTS.run(db, current.stream().flatMap(change -> change.events().stream()).map(EventRow::params)
                    .toList());
            return stored;
        });
    }

    private Map<String, Long> widgetVersions(List<String> widgetIds) {
        Map<String, Long> versions = new HashMap<>();
        for (List<String> chunk : ListStatement.chunks(widgetIds)) {
            db.query(WIDGET_VERSIONS.name(), WIDGET_VERSIONS.sql(chunk.size()), chunk,
                            row -> Map.entry(Columns.text(row, "widget_id"), Columns.number(row, "version")))
                    .forEach(entry -> versions.put(entry.getKey(), entry.getValue()));
        }
        return versions;
    }

    @Override
    public void close() {
        commits.close();
    }
}
