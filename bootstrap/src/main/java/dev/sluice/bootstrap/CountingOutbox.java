package dev.sluice.bootstrap;

import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The outbox, telling metrics about every event that was appended and committed: each event is
 * one status change, so this counts sessions created and transitions by status without domain or
 * application code knowing about metrics. Events appended inside {@link #unitOfWork()} are held
 * back until that transaction commits, so a rolled-back change is never counted; so are the events
 * of new sessions, until their group commit returns.
 */
final class CountingOutbox implements Outbox {
    private final Outbox outbox;
    private final UnitOfWork transactions;
    private final Consumer<SessionEvent> committed;
    private final ThreadLocal<List<SessionEvent>> appendedInTransaction = new ThreadLocal<>();

    CountingOutbox(Outbox outbox, UnitOfWork transactions, Consumer<SessionEvent> committed) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.committed = committed;
    }

    /** The unit of work to give the use cases that append to this outbox. */
    UnitOfWork unitOfWork() {
        return new UnitOfWork() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (appendedInTransaction.get() != null) {
                    return transactions.inTransaction(work);
                }
                List<SessionEvent> appended = new ArrayList<>();
                appendedInTransaction.set(appended);
                try {
                    T result = transactions.inTransaction(work);
                    appended.forEach(committed);
                    return result;
                } finally {
                    appendedInTransaction.remove();
                }
            }
        };
    }

    /** The store of new sessions to give the use cases: it counts their events once they are committed. */
    NewSessions newSessions(NewSessions store) {
        return (created, widgetVersion) -> {
            boolean stored = store.add(created, widgetVersion);
            if (stored) {
                created.events().forEach(committed);
            }
            return stored;
        };
    }

    @Override
    public void append(List<SessionEvent> events) {
        outbox.append(events);
        List<SessionEvent> pending = appendedInTransaction.get();
        if (pending == null) {
            events.forEach(committed);
        } else {
            pending.addAll(events);
        }
    }

    @Override
    public List<SessionEvent> claimUnpublished(int limit, Duration lease) {
        return outbox.claimUnpublished(limit, lease);
    }

    @Override
    public void markPublished(List<EventId> events) {
        outbox.markPublished(events);
    }

    @Override
    public void release() {
        outbox.release();
    }

    @Override
    public boolean recordFailure(EventId event, int limit) {
        return outbox.recordFailure(event, limit);
    }

    @Override
    public int prunePublishedBefore(Instant cutoff) {
        return outbox.prunePublishedBefore(cutoff);
    }

    @Override
    public Backlog backlog() {
        return outbox.backlog();
    }
}
