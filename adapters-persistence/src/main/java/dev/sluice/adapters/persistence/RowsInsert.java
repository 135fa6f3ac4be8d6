package dev.sluice.adapters.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One INSERT of many rows ({@code VALUES (…), (…), …}): the server writes them in one statement,
 * one round trip. The text depends on the row count; each count's text is built once, and the
 * driver keeps it prepared like any other statement.
 */
final class RowsInsert {
    private final String name;
    private final String prefix;
    private final String row;
    private final List<String> columns;
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();

    /** {@code columns}: comma-separated, as the row classes name them. */
    RowsInsert(String name, String table, String columns) {
        this.name = name;
        this.columns = Arrays.stream(columns.split(",")).map(String::strip).toList();
        this.prefix = "INSERT INTO " + table + " (" + columns + ") VALUES ";
        this.row = "(" + ListStatement.parameters(this.columns.size()) + ")";
    }

    /** Inserts {@code rows}, each given as its named parameters; runs in the caller's unit of work. */
    void run(Database db, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object> values = new ArrayList<>(rows.size() * columns.size());
        for (Map<String, Object> params : rows) {
            for (String column : columns) {
                values.add(params.get(column));
            }
        }
        db.dml(name, texts.computeIfAbsent(rows.size(), this::sql), values);
    }

    private String sql(int rows) {
        return prefix + String.join(", ", Collections.nCopies(rows, row));
    }
}
