package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.NewSessions;
import dev.sluice.domain.session.Change;
import java.util.List;

/**
 * New sessions written by group commit: whatever concurrent requests handed in while the previous
 * transaction ran goes in one transaction of two statements, every session row in one INSERT and
 * every event row in the next, then one COMMIT (see {@link GroupCommit}). MariaDB writes the same
 * rows several times faster 10–60 to a transaction than one to a transaction, and a request still
 * returns only after the commit that holds its session.
 *
 * <p>The events get their feed positions after they commit, like any other (see {@link JdbcEventFeed});
 * within a batch they are appended in the order the requests arrived.
 */
final class JdbcNewSessions implements NewSessions, AutoCloseable {
    /** Sessions per transaction at most: 64 session rows and their events make statements of about 6 KB. */
    static final int MAX_BATCH = 64;
    /** Requests that may wait for a transaction; with 64 a transaction, this is many transactions of backlog. */
    static final int CAPACITY = 4096;

    private static final RowsInsert SESSIONS = new RowsInsert("sessions.insertMany", "deposit_sessions",
            SessionRow.COLUMNS);
    private static final RowsInsert EVENTS = new RowsInsert("outbox.insertMany", "outbox_events", EventRow.COLUMNS);

    private final Database db;
    private final GroupCommit<Change> commits;

    /** {@code db}: whose connections only the committer uses, so that it never queues behind requests for one. */
    JdbcNewSessions(Database db) {
        this.db = db;
        this.commits = new GroupCommit<>("sluice-session-committer", MAX_BATCH, CAPACITY, this::write);
    }

    @Override
    public void add(Change created) {
        commits.submit(created);
    }

    /** Sessions waiting for a transaction. */
    int waiting() {
        return commits.waiting();
    }

    private void write(List<Change> batch) {
        db.inNewTransaction(() -> {
            SESSIONS.run(db, batch.stream().map(change -> SessionRow.params(change.session())).toList());
            EVENTS.run(db, batch.stream().flatMap(change -> change.events().stream()).map(EventRow::params).toList());
            return null;
        });
    }

    @Override
    public void close() {
        commits.close();
    }
}
