package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.UnitOfWork;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs named statements on the unit of work of the calling thread, or in a transaction of their
 * own outside one. The repositories never see a transaction: a unit of work started here is found
 * through a thread-local, so a use case's change and its outbox rows share one transaction.
 */
final class Database implements UnitOfWork {
    private final DbClient client;
    private final Map<String, Statement> statements;
    private final ThreadLocal<Scope> current = new ThreadLocal<>();

    /** {@code statements}: every statement this runs, by name, with {@code :name} parameters. */
    Database(DbClient client, Map<String, String> statements) {
        this.client = client;
        this.statements = new HashMap<>();
        statements.forEach((name, sql) -> this.statements.put(name, Statement.compile(name, sql)));
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

    <T> List<T> query(String name, Map<String, ?> params, Function<DbRow, T> mapper) {
        Statement statement = statement(name);
        return query(name, statement.sql(), statement.values(params), mapper);
    }

    /** Runs a query given as text with {@code ?} parameters. */
    <T> List<T> query(String name, String sql, List<?> values, Function<DbRow, T> mapper) {
        return call(db -> {
            try (Stream<DbRow> rows = db.createNamedQuery(name, sql).params(values).execute()) {
                return rows.map(mapper).toList();
            }
        });
    }

    <T> Optional<T> get(String name, Map<String, ?> params, Function<DbRow, T> mapper) {
        Statement statement = statement(name);
        return call(db -> db.createNamedGet(name, statement.sql()).params(statement.values(params)).execute()
                .map(mapper));
    }

    /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
    long dml(String name, Map<String, ?> params) {
        Statement statement = statement(name);
        return dml(name, statement.sql(), statement.values(params));
    }

    /** Runs an INSERT, UPDATE or DELETE given as text with {@code ?} parameters; returns how many rows it changed. */
    long dml(String name, String sql, List<?> values) {
        return call(db -> db.createNamedDmlStatement(name, sql).params(values).execute());
    }

    /** Named parameters from alternating names and values; values may be null. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private Statement statement(String name) {
        Statement statement = statements.get(name);
        if (statement == null) {
            throw new IllegalArgumentException("no statement named " + name);
        }
        return statement;
    }

    /**
     * Outside a unit of work a statement is a transaction of its own. The pool's connections stay in
     * manual-commit mode, so a transaction never switches autocommit off and on again: that was two
     * of the six statements of every created session.
     */
    private <T> T call(Function<DbExecute, T> action) {
        Scope scope = current.get();
        if (scope == null) {
            return inNewTransaction(() -> call(action));
        }
        try {
            if (scope.transaction == null) {
                scope.transaction = client.transaction();
            }
            return action.apply(scope.transaction);
        } catch (RuntimeException failure) {
            throw StoreFailures.translate(failure);
        }
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
