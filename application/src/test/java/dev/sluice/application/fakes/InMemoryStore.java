package dev.sluice.application.fakes;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared state and the one lock of a set of in-memory ports, standing in for a database:
 * every operation holds the lock, and a unit of work holds it throughout, so units of work run one
 * after the other and a failed one puts every table back as it was.
 *
 * <p>A strict store also refuses a change made outside a unit of work, so that a use case that
 * forgets one fails its test; a database (and a lenient store) commits such a change on its own.
 */
final class InMemoryStore {
    private final InstantSource clock;
    private final boolean strict;
    private final List<Table> tables = new ArrayList<>();
    private boolean inUnitOfWork;
    private int commits;

    /** A part of the state that a failed unit of work puts back. */
    interface Table {
        Object snapshot();

        void restore(Object snapshot);
    }

    InMemoryStore(InstantSource clock, boolean strict) {
        this.clock = clock;
        this.strict = strict;
    }

    InstantSource clock() {
        return clock;
    }

    synchronized <T extends Table> T register(T table) {
        tables.add(table);
        return table;
    }

    /** Called, under the lock, by every operation that belongs inside a unit of work. */
    void requireUnitOfWork(String operation) {
        if (strict && !inUnitOfWork) {
            throw new IllegalStateException(operation + " must run inside a unit of work");
        }
    }

    synchronized <T> T inUnitOfWork(java.util.function.Supplier<T> work) {
        if (inUnitOfWork) {
            // joins the unit of work running on this thread (the lock is held by it)
            return work.get();
        }
        List<Object> before = new ArrayList<>();
        tables.forEach(table -> before.add(table.snapshot()));
        inUnitOfWork = true;
        try {
            T result = work.get();
            commits++;
            return result;
        } catch (RuntimeException e) {
            for (int i = 0; i < tables.size(); i++) {
                tables.get(i).restore(before.get(i));
            }
            throw e;
        } finally {
            inUnitOfWork = false;
        }
    }

    synchronized int commits() {
        return commits;
    }
}
