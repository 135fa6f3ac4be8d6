package dev.sluice.adapters.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the database is and how long to wait for it.
 *
 * @param jdbcUrl           {@code jdbc:mysql://host:3306/db} for MySQL 8 and MariaDB 10.6+, or an H2 URL in MySQL
 *                          mode as built by {@link #h2File} and {@link #h2InMemory}
 * @param user              database user
 * @param password          database password (may be empty)
 * @param poolSize          most connections the pool opens
 * @param connectionTimeout how long a request waits for a connection before the store counts as unavailable
 * @param queryTimeout      how long one statement may wait for the server before its connection counts as dead
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize,
        Duration connectionTimeout, Duration queryTimeout) {

    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

    // Lower-case identifiers make H2 report column names as MySQL does; the lock timeout matches
    // what the MySQL driver settings below give InnoDB.
    private static final String H2_OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=5000";

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (!isMySql(jdbcUrl) && !isH2(jdbcUrl)) {
            throw new IllegalArgumentException("the database URL must start with jdbc:mysql: or jdbc:h2:");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1");
        }
        // Hikari refuses to wait less than 250 ms for a connection.
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout must be at least 250 ms");
        }
        if (queryTimeout.toSeconds() < 2) {
            throw new IllegalArgumentException("the query timeout must be at least 2 s");
        }
    }

    /** A MySQL or MariaDB server, with the default pool size and timeouts. */
    public static DatabaseSettings of(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_QUERY_TIMEOUT);
    }

    /** The embedded default: an H2 file database {@code sluice} in {@code dataDirectory}, in MySQL mode. */
    public static DatabaseSettings h2File(Path dataDirectory) {
        return of("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("sluice") + H2_OPTIONS, "sa", "");
    }

    /** A private in-memory H2 database in MySQL mode that lives as long as the JVM. */
    public static DatabaseSettings h2InMemory(String name) {
        return of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS, "sa", "");
    }

    public DatabaseSettings withConnectionTimeout(Duration timeout) {
        return new DatabaseSettings(jdbcUrl, user, password, poolSize, timeout, queryTimeout);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, user, password, size, connectionTimeout, queryTimeout);
    }

    boolean isMySql() {
        return isMySql(jdbcUrl);
    }

    /**
     * Driver properties for MySQL and MariaDB: give up on an unreachable or silent server quickly,
     * wait for a row lock less long than for the socket (so a lock wait ends as a lock error, not as
     * a dead connection), and run every session in UTC. H2 rejects unknown properties, so it gets none.
     *
     * <p>And spare round trips and parsing, measured by the benchmark: each connection keeps its
     * statements prepared on the server, so an execution sends only the parameters, in binary, and
     * the server parses nothing (every statement here is fixed text, the longest, a list statement for
     * 512 events, under 16 KiB; per created session this took a sixth off Sluice's CPU and a tenth off
     * MariaDB's), and the driver keeps autocommit and isolation on its side instead of
     * setting them again around every transaction ({@code SET autocommit} was half the statements
     * per created session). Not {@code cacheServerConfiguration}: with it, outbox claims on MariaDB
     * missed committed rows in the contract tests (the cache shares one connection's session
     * variables, the isolation level among them, with every later connection).
     */
    public Map<String, String> driverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (isMySql()) {
            long lockWaitSeconds = Math.max(1, queryTimeout.toSeconds() / 2);
            properties.put("connectTimeout", Long.toString(connectionTimeout.toMillis()));
            properties.put("socketTimeout", Long.toString(queryTimeout.toMillis()));
            properties.put("sessionVariables", "innodb_lock_wait_timeout=" + lockWaitSeconds);
            properties.put("connectionTimeZone", "UTC");
            properties.put("forceConnectionTimeZoneToSession", "true");
            properties.put("characterEncoding", "UTF-8");
            properties.put("useServerPrepStmts", "true");
            properties.put("cachePrepStmts", "true");
            properties.put("prepStmtCacheSize", "256");
            properties.put("prepStmtCacheSqlLimit", "16384");
            properties.put("useLocalSessionState", "true");
        }
        return properties;
    }

    private static boolean isMySql(String url) {
        return url.startsWith("jdbc:mysql:");
    }

    private static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + ", user " + user + ", pool " + poolSize + "]";
    }
}
