package dev.sluice.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction straight on a pool connection, for the few writers that run many times a second
 * with many parameters (the group committer, the feed sequencer), where the generic statement layer
 * of {@link Database} costs more than the statements themselves.
 */
final class PlainJdbc {
    private PlainJdbc() {
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction that has committed when this returns; failures are translated by {@link StoreFailures}. */
    static <T> T inTransaction(DbClient client, Work<T> work) {
        try (Connection connection = client.unwrap(Connection.class)) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failure) {
                rollback(connection, failure);
                throw failure;
            }
        } catch (SQLException failure) {
            throw StoreFailures.translate(failure);
        } catch (RuntimeException failure) {
            throw StoreFailures.translate(failure);
        }
    }

    /** The caller rethrows {@code failure}; a rollback that fails too (the connection is gone) is attached to it. */
    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
