package dev.sluice.application.fakes;

import dev.sluice.application.port.out.DepositSessions.Page;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.BusinessId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Events in commit order; one list serves both the relay's outbox and the business feed. */
public final class InMemoryOutbox implements Outbox, EventFeed, Transactional {
    private final InMemoryUnitOfWork.Guard guard;
    private List<SessionEvent> events = new ArrayList<>();
    private Set<EventId> published = new HashSet<>();
    private final Set<EventId> claimed = new HashSet<>();

    InMemoryOutbox(InMemoryUnitOfWork.Guard guard) {
        this.guard = guard;
    }

    @Override
    public void append(List<SessionEvent> more) {
        guard.requireTransaction("append");
        events.addAll(more);
    }

    public List<SessionEvent> all() {
        return List.copyOf(events);
    }

    @Override
    public synchronized List<SessionEvent> claimUnpublished(int limit, Duration lease) {
        List<SessionEvent> free = events.stream()
                .filter(e -> !published.contains(e.id()) && !claimed.contains(e.id()))
                .limit(limit)
                .toList();
        free.forEach(e -> claimed.add(e.id()));
        return free;
    }

    @Override
    public synchronized void markPublished(List<EventId> ids) {
        published.addAll(ids);
        ids.forEach(claimed::remove);
    }

    @Override
    public synchronized void release(List<EventId> ids) {
        ids.forEach(claimed::remove);
    }

    // the use cases never publish, so nothing here fails to
    @Override
    public synchronized boolean recordFailure(EventId event, int limit) {
        claimed.remove(event);
        return false;
    }

    @Override
    public synchronized int prunePublishedBefore(Instant cutoff) {
        int before = events.size();
        events.removeIf(e -> published.contains(e.id()) && e.occurredAt().isBefore(cutoff));
        return before - events.size();
    }

    @Override
    public synchronized Backlog backlog() {
        List<SessionEvent> waiting = events.stream().filter(e -> !published.contains(e.id())).toList();
        return new Backlog(waiting.size(), waiting.isEmpty() ? null : waiting.getFirst().occurredAt());
    }

    @Override
    public Page<SessionEvent> listForBusiness(BusinessId business, Optional<EventId> after, int limit) {
        int start = after.map(id -> {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).id().equals(id)) {
                    return i + 1;
                }
            }
            return events.size();
        }).orElse(0);
        List<SessionEvent> matching = events.subList(start, events.size()).stream()
                .filter(e -> e.session().businessId().equals(business))
                .toList();
        return new Page<>(matching.stream().limit(limit).toList(), matching.size() > limit);
    }

    @Override
    public Object snapshot() {
        return List.of(new ArrayList<>(events), new HashSet<>(published));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Object> parts = (List<Object>) snapshot;
        events = (List<SessionEvent>) parts.get(0);
        published = (Set<EventId>) parts.get(1);
    }
}
