package dev.sluice.adapters.webhooks;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.StoreUnavailableException;
import dev.sluice.domain.shared.UtcMillis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC on the webhook sink's own pool: one transaction per call, a failed call rolled back
 * whole. An unreachable database becomes {@link StoreUnavailableException} (503 for a request, a
 * retry at the next pass for the dispatcher); a deadlock becomes {@link ConcurrentChangeException}.
 */
final class Jdbc {
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource source;

    Jdbc(DataSource source) {
        this.source = source;
    }

    <T> T inTransaction(Work<T> work) {
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error failure) {
                connection.rollback();
                throw failure;
            }
        } catch (SQLException failure) {
            throw translate(failure);
        }
    }

    static <T> List<T> query(Connection connection, String sql, Mapper<T> mapper, Object... values)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    static <T> Optional<T> first(Connection connection, String sql, Mapper<T> mapper, Object... values)
            throws SQLException {
        return query(connection, sql, mapper, values).stream().findFirst();
    }

    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    /** One statement, many rows of parameters, sent as a JDBC batch. */
    static void batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] values : rows) {
                bind(statement, values);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** {@code ?, ?, ?} for an IN list of {@code n}. */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * A timestamp parameter as DATETIME(3) text in UTC: bound as a LocalDateTime, Connector/J sent
     * MariaDB whole seconds, and a lease that ran out a millisecond ago still looked held.
     */
    static String utc(Instant instant) {
        return UtcMillis.datetime(instant);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement, values);
        return statement;
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i] instanceof Instant instant ? utc(instant) : values[i]);
        }
    }

    private static RuntimeException translate(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return new StoreUnavailableException("the database cannot be reached", failure);
            }
            if (cause instanceof SQLTransactionRollbackException) {
                ConcurrentChangeException concurrent =
                        new ConcurrentChangeException("the database rolled back a change that raced another one");
                concurrent.initCause(failure);
                return concurrent;
            }
        }
        return new IllegalStateException("webhook store statement failed: " + failure.getMessage(), failure);
    }
}
