package dev.sluice.application.fakes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rows by their key, in insertion order, under the store's lock; a failed unit of work puts them
 * back as they were.
 */
public abstract class InMemoryTable<K, V> implements InMemoryStore.Table {
    final InMemoryStore store;
    private final Function<V, K> key;
    private Map<K, V> rows = new LinkedHashMap<>();

    InMemoryTable(InMemoryStore store, Function<V, K> key) {
        this.store = store;
        this.key = key;
    }

    final Optional<V> find(K id) {
        synchronized (store) {
            return Optional.ofNullable(rows.get(id));
        }
    }

    /** Stores a new row; false, and nothing stored, when its key is taken. */
    final boolean insert(String operation, V row) {
        synchronized (store) {
            store.requireUnitOfWork(operation);
            return rows.putIfAbsent(key.apply(row), row) == null;
        }
    }

    /** Replaces a row, or fails with what {@code stale} says when {@code current} tells it apart. */
    final void replace(String operation, V row, Predicate<V> current, RuntimeException stale) {
        synchronized (store) {
            store.requireUnitOfWork(operation);
            V stored = rows.get(key.apply(row));
            if (stored == null || !current.test(stored)) {
                throw stale;
            }
            rows.put(key.apply(row), row);
        }
    }

    /** Every row, in insertion order. */
    public final List<V> all() {
        synchronized (store) {
            return List.copyOf(rows.values());
        }
    }

    @Override
    public final Object snapshot() {
        return new LinkedHashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final void restore(Object snapshot) {
        rows = (Map<K, V>) snapshot;
    }
}
