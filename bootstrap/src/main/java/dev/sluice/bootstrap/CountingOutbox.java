package dev.sluice.bootstrap;

import dev.sluice.application.port.out.Outbox;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The outbox, telling metrics about every event appended: each event is one status change, so
 * this counts sessions created and transitions by status without domain or application code
 * knowing about metrics.
 */
final class CountingOutbox implements Outbox {
    private final Outbox outbox;
    private final Consumer<SessionEvent> appended;

    CountingOutbox(Outbox outbox, Consumer<SessionEvent> appended) {
        this.outbox = outbox;
        this.appended = appended;
    }

    @Override
    public void append(List<SessionEvent> events) {
        outbox.append(events);
        events.forEach(appended);
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
    public void release(List<EventId> events) {
        outbox.release(events);
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
