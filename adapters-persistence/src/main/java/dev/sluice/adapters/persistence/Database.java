package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.UnitOfWork;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs named statements on the unit of work of the calling thread, or on their own connection
 * outside one. The repositories never see a transaction: a unit of work started here is found
 * through a thread-local, so a use case's change and its outbox rows share one transaction.
 */
final class Database implements UnitOfWork {
    private final DbClient client;
    private final ThreadLocal<Scope> current = new ThreadLocal<>();

    Database(DbClient client) {
        this.client = client;
    }

    /** One unit of work. Its transaction opens with its first statement, so an idle one costs no connection. */
    private static final class Scope {
        private DbTransaction transaction;
    }

    /** Joins the unit of work already running on this thread, else runs {@code work} in a new one. */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return current.get() != null ? work.get() : inNewTransaction(work);
    }

    /** Runs {@code work} in a transaction of its own that has committed when this returns, even inside another. */
    <T> T inNewTransaction(Supplier<T> work) {
        Scope outer = current.get();
        Scope scope = new Scope();
        current.set(scope);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            rollback(scope, failure);
            throw failure;
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
        commit(scope);
        return result;
    }

    <T> List<T> query(String statement, Map<String, ?> params, Function<DbRow, T> mapper) {
        return call(db -> {
            try (Stream<DbRow> rows = db.createNamedQuery(statement).params(params).execute()) {
                return rows.map(mapper).toList();
            }
        });
    }

    <T> Optional<T> get(String statement, Map<String, ?> params, Function<DbRow, T> mapper) {
        return call(db -> db.createNamedGet(statement).params(params).execute().map(mapper));
    }

    /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
    long dml(String statement, Map<String, ?> params) {
        return call(db -> db.createNamedDmlStatement(statement).params(params).execute());
    }

    /** Named parameters from alternating names and values; values may be null. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private <T> T call(Function<DbExecute, T> action) {
        try {
            return action.apply(executor());
        } catch (RuntimeException failure) {
            throw StoreFailures.translate(failure);
        }
    }

    private DbExecute executor() {
        Scope scope = current.get();
        if (scope == null) {
            return client.execute();
        }
        if (scope.transaction == null) {
            scope.transaction = client.transaction();
        }
        return scope.transaction;
    }

    private static void commit(Scope scope) {
        if (scope.transaction == null) {
            return;
        }
        try {
            scope.transaction.commit();
        } catch (RuntimeException failure) {
            throw StoreFailures.translate(failure);
        }
    }

    /** The caller rethrows {@code failure}; a rollback that fails too is only attached to it. */
    private static void rollback(Scope scope, Throwable failure) {
        if (scope.transaction == null) {
            return;
        }
        try {
            scope.transaction.rollback();
        } catch (RuntimeException | Error rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
