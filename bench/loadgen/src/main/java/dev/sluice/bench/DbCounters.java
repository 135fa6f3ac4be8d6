package dev.sluice.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MariaDB's server-wide statement counters, read before and after a phase, to show how many
 * statements one created session costs. Server-wide: anything else using the server at the same
 * time (other tests) is counted too.
 */
final class DbCounters implements AutoCloseable {
    private static final List<String> NAMES = List.of("Questions", "Com_select", "Com_insert", "Com_update",
            "Com_commit", "Com_set_option", "Innodb_data_fsyncs");

    private final Connection connection;

    DbCounters(String jdbcUrl, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
    }

    Map<String, Long> read() throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                        + String.join("','", NAMES) + "')")) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getLong(2));
            }
        }
        return values;
    }

    /** Each counter's growth from {@code before} to {@code after}, per successful operation. */
    static Map<String, Double> perOperation(Map<String, Long> before, Map<String, Long> after, long operations) {
        Map<String, Double> per = new LinkedHashMap<>();
        before.forEach((name, start) -> per.put(name, operations == 0 ? Double.NaN
                : (after.get(name) - start) / (double) operations));
        return per;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
