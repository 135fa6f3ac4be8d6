package dev.sluice.adapters.persistence;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One INSERT of many rows ({@code VALUES (…), (…), …}): the server writes them in one statement,
 * one round trip. The text depends on the row count; each count's text is built once, and the
 * driver keeps it prepared like any other statement. Bound straight through JDBC: this runs once
 * per group commit with up to some thousand parameters, and the per-parameter work of a generic
 * binding layer was a tenth of the committer's time.
 */
final class RowsInsert {
    private final String prefix;
    private final String row;
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();

    /** {@code columns}: comma-separated, as the row classes name them. */
    RowsInsert(String table, String columns) {
        this.prefix = "INSERT INTO " + table + " (" + columns + ") VALUES ";
        this.row = "(" + ListStatement.parameters(Columns.names(columns).size()) + ")";
    }

    /** Inserts {@code rows}, each its values in this statement's column order, in the connection's transaction. */
    void run(Connection connection, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(texts.computeIfAbsent(rows.size(), this::sql))) {
            int index = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    bind(insert, index++, value);
                }
            }
            insert.executeUpdate();
        }
    }

    /**
     * The typed setter for each kind of value the row classes hold: {@code setObject} looks the
     * value's class up in the driver's table of types once per parameter, a fifth of the
     * committer's own time.
     */
    private static void bind(PreparedStatement insert, int index, Object value) throws SQLException {
        switch (value) {
            case null -> insert.setNull(index, Types.NULL);
            case String text -> insert.setString(index, text);
            case Long number -> insert.setLong(index, number);
            case Integer number -> insert.setInt(index, number);
            case Boolean flag -> insert.setBoolean(index, flag);
            case BigDecimal decimal -> insert.setBigDecimal(index, decimal);
            default -> insert.setObject(index, value);
        }
    }

    private String sql(int rows) {
        return prefix + String.join(", ", Collections.nCopies(rows, row));
    }
}
