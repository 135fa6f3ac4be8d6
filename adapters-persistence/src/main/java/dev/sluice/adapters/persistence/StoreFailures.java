package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that decides what a database failure means to the application. Helidon and Flyway
 * wrap the driver's exception, so each check walks the cause chain.
 */
final class StoreFailures {
    private StoreFailures() {
    }

    /**
     * An unreachable database becomes {@link StoreUnavailableException} (the HTTP layer's 503), a
     * deadlock or lock wait given up becomes {@link ConcurrentChangeException}; anything else is a
     * bug or a broken invariant and passes unchanged.
     */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException || failure instanceof ConcurrentChangeException) {
            return failure;
        }
        if (isUnreachable(failure)) {
            return new StoreUnavailableException("the database cannot be reached", failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransactionRollbackException) {
                ConcurrentChangeException concurrent =
                        new ConcurrentChangeException("the database rolled back a change that raced another one");
                concurrent.initCause(failure);
                return concurrent;
            }
        }
        return failure;
    }

    /** As {@link #translate(RuntimeException)}, for a driver's exception met through plain JDBC. */
    static RuntimeException translate(SQLException failure) {
        return translate(new IllegalStateException("the database refused a statement: " + failure.getMessage(), failure));
    }

    /** True when the statement broke a primary key or unique index. */
    static boolean isDuplicateKey(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException violation) {
                // 1062 (MySQL/MariaDB) and 23505 (H2) are duplicate keys; other 23xxx are foreign keys or nulls.
                return violation.getErrorCode() == 1062 || "23505".equals(violation.getSQLState());
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Hikari's "connection is not available" timeout, refused or lost connections, and the
            // MySQL driver's communications link failure (a SQLRecoverableException).
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
