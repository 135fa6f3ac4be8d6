package dev.sluice.adapters.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs on a database of its own beside the shared test database, created empty for each run. */
class PaymentsMigrationMariaDbTest extends PaymentsMigrationContract {
    @Override
    DatabaseSettings emptyDatabase() throws SQLException {
        DatabaseSettings shared = TestDatabases.mariaDbSettings();
        // jdbc:mysql://host:port/name?options: the same server, the shared name with a suffix
        String url = shared.jdbcUrl();
        int slash = url.indexOf('/', "jdbc:mysql://".length());
        int query = url.indexOf('?', slash) < 0 ? url.length() : url.indexOf('?', slash);
        String name = url.substring(slash + 1, query) + "_migration";
        try (Connection server = DriverManager.getConnection(url, shared.user(), shared.password());
                Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return DatabaseSettings.of(url.substring(0, slash + 1) + name + url.substring(query), shared.user(),
                shared.password());
    }
}
