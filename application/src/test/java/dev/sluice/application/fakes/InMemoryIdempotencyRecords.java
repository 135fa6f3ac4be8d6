package dev.sluice.application.fakes;

import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keys per widget, kept 24 hours; a request in progress for a minute counts as abandoned. {@link #begin}
 * commits on its own, {@link #complete} belongs to the creating unit of work.
 */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords, InMemoryStore.Table {
    private static final Duration KEPT = Duration.ofHours(24);
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private record Key(WidgetId widget, String key) {
    }

    private record Entry(String fingerprint, Instant startedAt, SessionId session) {
        boolean isStale(Instant now) {
            Duration age = Duration.between(startedAt, now);
            return age.compareTo(KEPT) >= 0 || session == null && age.compareTo(ABANDONED_AFTER) >= 0;
        }
    }

    private final InMemoryStore store;
    private final Map<Key, Entry> entries = new HashMap<>();

    InMemoryIdempotencyRecords(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Claim begin(WidgetId widget, String key, String fingerprint, Instant now) {
        synchronized (store) {
            Entry earlier = entries.get(new Key(widget, key));
            if (earlier == null || earlier.isStale(now)) {
                entries.put(new Key(widget, key), new Entry(fingerprint, now, null));
                return new Started();
            }
            return earlier.session() == null
                    ? new InProgress(earlier.fingerprint())
                    : new Completed(earlier.fingerprint(), earlier.session());
        }
    }

    @Override
    public void complete(WidgetId widget, String key, SessionId session) {
        synchronized (store) {
            store.requireUnitOfWork("complete");
            entries.computeIfPresent(new Key(widget, key),
                    (k, e) -> new Entry(e.fingerprint(), e.startedAt(), session));
        }
    }

    /** Forgets a request in progress; a completed one stays. */
    @Override
    public void release(WidgetId widget, String key) {
        synchronized (store) {
            entries.computeIfPresent(new Key(widget, key), (k, e) -> e.session() == null ? null : e);
        }
    }

    @Override
    public int forgetExpired(Instant now) {
        synchronized (store) {
            int before = entries.size();
            entries.values().removeIf(entry -> !entry.startedAt().plus(KEPT).isAfter(now));
            return before - entries.size();
        }
    }

    @Override
    public Object snapshot() {
        return new HashMap<>(entries);
    }

    /** Undoes the completions of a failed unit of work; what {@link #begin} did stays, as it committed. */
    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        Map<Key, Entry> before = (Map<Key, Entry>) snapshot;
        entries.replaceAll((key, entry) -> {
            Entry earlier = before.get(key);
            boolean completedSince = entry.session() != null
                    && (earlier == null || !Objects.equals(earlier.session(), entry.session()));
            return completedSince ? new Entry(entry.fingerprint(), entry.startedAt(), null) : entry;
        });
    }
}
