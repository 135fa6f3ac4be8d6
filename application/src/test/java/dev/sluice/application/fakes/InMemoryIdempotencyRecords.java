package dev.sluice.application.fakes;

import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Keys per widget; {@link #begin} commits on its own, {@link #complete} belongs to the creating unit of work. */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords, Transactional {
    private static final Duration KEPT = Duration.ofHours(24);

    private record Key(WidgetId widget, String key) {
    }

    private record Entry(String fingerprint, Instant startedAt, SessionId session) {
    }

    private final InMemoryUnitOfWork.Guard guard;
    private Map<Key, Entry> entries = new HashMap<>();

    InMemoryIdempotencyRecords(InMemoryUnitOfWork.Guard guard) {
        this.guard = guard;
    }

    @Override
    public synchronized Claim begin(WidgetId widget, String key, String fingerprint, Instant now) {
        Entry earlier = entries.get(new Key(widget, key));
        if (earlier == null || !earlier.startedAt().plus(KEPT).isAfter(now)) {
            entries.put(new Key(widget, key), new Entry(fingerprint, now, null));
            return new Started();
        }
        return earlier.session() == null
                ? new InProgress(earlier.fingerprint())
                : new Completed(earlier.fingerprint(), earlier.session());
    }

    @Override
    public synchronized void complete(WidgetId widget, String key, SessionId session) {
        guard.requireTransaction("complete");
        entries.computeIfPresent(new Key(widget, key), (k, e) -> new Entry(e.fingerprint(), e.startedAt(), session));
    }

    @Override
    public synchronized void release(WidgetId widget, String key) {
        entries.remove(new Key(widget, key));
    }

    @Override
    public synchronized int forgetExpired(Instant now) {
        int before = entries.size();
        entries.values().removeIf(entry -> !entry.startedAt().plus(KEPT).isAfter(now));
        return before - entries.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(entries);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        entries = (Map<Key, Entry>) snapshot;
    }
}
