package dev.sluice.adapters.kafka;

import dev.sluice.application.port.out.Outbox;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outbox contract in memory: events in append order, leases that expire, and never a
 * session's later event handed out while an earlier one is unpublished.
 */
final class InMemoryOutbox implements Outbox {
    private static final class Row {
        final SessionEvent event;
        Instant leasedUntil;
        Instant publishedAt;
        int failures;
        boolean setAside;

        Row(SessionEvent event) {
            this.event = event;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private int failingMarks;

    @Override
    public synchronized void append(List<SessionEvent> events) {
        events.forEach(e -> rows.add(new Row(e)));
    }

    @Override
    public synchronized List<SessionEvent> claimUnpublished(int limit, Duration lease) {
        Instant now = Instant.now();
        Set<SessionId> blocked = new HashSet<>();
        List<SessionEvent> claimed = new ArrayList<>();
        for (Row row : rows) {
            SessionId session = row.event.session().id();
            if (row.publishedAt != null || blocked.contains(session)) {
                continue;
            }
            if (row.setAside) {
                blocked.add(session);
                continue;
            }
            if (row.leasedUntil != null && row.leasedUntil.isAfter(now)) {
                blocked.add(session);
                continue;
            }
            if (claimed.size() == limit) {
                break;
            }
            row.leasedUntil = now.plus(lease);
            claimed.add(row.event);
        }
        return claimed;
    }

    @Override
    public synchronized void markPublished(List<EventId> events) {
        if (failingMarks > 0) {
            failingMarks--;
            throw new IllegalStateException("deadlock found when trying to get lock");
        }
        Instant now = Instant.now();
        for (EventId id : events) {
            Row row = row(id);
            if (row.leasedUntil == null) {
                throw new IllegalStateException(id + " marked published without being claimed");
            }
            row.publishedAt = now;
            row.leasedUntil = null;
        }
    }

    @Override
    public synchronized void release(List<EventId> events) {
        events.forEach(id -> row(id).leasedUntil = null);
    }

    @Override
    public synchronized boolean recordFailure(EventId event, int limit) {
        Row row = row(event);
        row.leasedUntil = null;
        row.failures++;
        boolean now = row.failures >= limit && !row.setAside;
        row.setAside |= now;
        return now;
    }

    synchronized List<EventId> setAside() {
        return rows.stream().filter(r -> r.setAside).map(r -> r.event.id()).toList();
    }

    @Override
    public synchronized int prunePublishedBefore(Instant cutoff) {
        int before = rows.size();
        rows.removeIf(r -> r.publishedAt != null && r.publishedAt.isBefore(cutoff));
        return before - rows.size();
    }

    @Override
    public synchronized Backlog backlog() {
        List<Row> waiting = rows.stream().filter(r -> r.publishedAt == null).toList();
        return new Backlog(waiting.size(), waiting.isEmpty() ? null : waiting.getFirst().event.occurredAt());
    }

    /** The next {@code count} markings fail, as when the database picks them as a deadlock's victim. */
    synchronized void failNextMarks(int count) {
        failingMarks = count;
    }

    synchronized List<EventId> published() {
        return rows.stream().filter(r -> r.publishedAt != null).map(r -> r.event.id()).toList();
    }

    synchronized List<EventId> leased() {
        return rows.stream().filter(r -> r.leasedUntil != null).map(r -> r.event.id()).toList();
    }

    synchronized int size() {
        return rows.size();
    }

    private Row row(EventId id) {
        return rows.stream().filter(r -> r.event.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event " + id));
    }
}
