package dev.sluice.adapters.webhooks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The webhook sink's own connections: requests keep theirs, so a busy sink never makes a request
 * wait for a connection, and a burst of requests never stalls deliveries.
 */
final class Pool {
    private Pool() {
    }

    static HikariDataSource open(WebhookSettings.Database database, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        // built while the database is down; every call fails fast until it is back
        config.setInitializationFailTimeout(-1);
        // as the persistence adapter: no gap locks, and each statement sees what committed before it
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setAutoCommit(false);
        database.driverProperties().forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }
}
