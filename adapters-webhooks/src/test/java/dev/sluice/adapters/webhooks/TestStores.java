package dev.sluice.adapters.webhooks;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Databases for the store's contract: H2 in memory, and a database of its own beside the test
 * database on MariaDB, so that these tests may empty the deliveries and rewind the cursor.
 */
final class TestStores {
    private TestStores() {
    }

    static WebhookSettings.Database h2(String name) {
        return new WebhookSettings.Database("jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000", "sa", "", Map.of());
    }

    static synchronized WebhookSettings.Database mariaDb() {
        TestServices.Database shared = TestServices.database();
        int slash = shared.jdbcUrl().lastIndexOf('/');
        String server = shared.jdbcUrl().substring(0, slash + 1);
        String name = shared.jdbcUrl().substring(slash + 1).replaceAll("\\?.*", "") + "_webhooks";
        try (Connection c = DriverManager.getConnection(server, shared.user(), shared.password())) {
            c.createStatement().execute("CREATE DATABASE IF NOT EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return new WebhookSettings.Database(server + name, shared.user(), shared.password(), Map.of());
    }

    static HikariDataSource migrated(WebhookSettings.Database database) {
        WebhooksModule.migrate(database);
        return Pool.open(database, 8, "webhooks-test-" + System.nanoTime());
    }
}
