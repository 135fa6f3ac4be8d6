package dev.sluice.application.fakes;

import dev.sluice.application.port.out.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * All or nothing, like a database transaction: a failure puts every registered store back as it
 * was. Stores ask the {@link Guard} whether a unit of work is running, so that a use case that
 * changes state outside one fails its test.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {
    private final Guard guard = new Guard();
    private final List<Transactional> stores = new ArrayList<>();
    private int commits;

    /** Tells stores whether they are used inside a unit of work. */
    public static final class Guard {
        private boolean active;

        void requireTransaction(String operation) {
            if (!active) {
                throw new IllegalStateException(operation + " must run inside a unit of work");
            }
        }
    }

    Guard guard() {
        return guard;
    }

    void register(Transactional store) {
        stores.add(store);
    }

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        if (guard.active) {
            // joins the unit of work running on this thread (the lock is held by it)
            return work.get();
        }
        List<Object> before = new ArrayList<>();
        stores.forEach(store -> before.add(store.snapshot()));
        guard.active = true;
        try {
            T result = work.get();
            commits++;
            return result;
        } catch (RuntimeException e) {
            for (int i = 0; i < stores.size(); i++) {
                stores.get(i).restore(before.get(i));
            }
            throw e;
        } finally {
            guard.active = false;
        }
    }

    /** How many units of work committed. */
    public synchronized int commits() {
        return commits;
    }
}
