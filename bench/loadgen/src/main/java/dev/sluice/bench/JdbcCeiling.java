package dev.sluice.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: what create-session writes (a session row and its deposit.created outbox row, one
 * transaction) straight through JDBC, with Sluice's pool size, isolation and driver settings and
 * nothing else: no HTTP, no validation, no widget lookup, no relay.
 */
final class JdbcCeiling implements AutoCloseable {
    private static final String SESSION_COLUMNS = "session_id, widget_id, business_id, amount, amount_value,"
            + " currency, network, currency_address, deposit_address, customer_email, customer_reference, metadata,"
            + " created_at, expires_at, version, status, tx_id, amount_received, amount_received_value,"
            + " late_payment, confirmed_at, cancelled_at, last_sequence";
    private static final String INSERT_SESSION = insert("deposit_sessions", SESSION_COLUMNS);
    private static final String INSERT_EVENT = insert("outbox_events",
            "event_id, sequence, previous_status, occurred_at, " + SESSION_COLUMNS);
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HikariDataSource pool;
    private final String widgetId;
    private final String businessId;
    private final AtomicLong sequence = new AtomicLong();

    JdbcCeiling(String jdbcUrl, String user, String password, int poolSize, String widgetId, String businessId) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("ceiling");
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(2_000);
        // Sluice's settings (PersistenceModule, DatabaseSettings), so the SQL runs under the same rules.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("connectTimeout", "2000");
        config.addDataSourceProperty("socketTimeout", "10000");
        config.addDataSourceProperty("sessionVariables", "innodb_lock_wait_timeout=5");
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("useServerPrepStmts", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "256");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "16384");
        config.addDataSourceProperty("useLocalSessionState", "true");
        // The best case for this SQL: connections stay in manual commit, so one op is INSERT, INSERT, COMMIT.
        config.setAutoCommit(false);
        this.pool = new HikariDataSource(config);
        this.widgetId = widgetId;
        this.businessId = businessId;
    }

    Phase run(String name, int concurrency, Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Phase.Tally> tallies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            Phase.Tally tally = new Phase.Tally();
            tallies.add(tally);
            workers.add(Thread.ofVirtual().name("jdbc-" + i).start(() -> work(tally, deadline)));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return Phase.merge(name, concurrency, (System.nanoTime() - started) / 1e9, tallies);
    }

    private void work(Phase.Tally tally, long deadline) {
        while (System.nanoTime() < deadline) {
            long n = sequence.incrementAndGet();
            long start = System.nanoTime();
            try (Connection connection = pool.getConnection()) {
                try {
                    writeSession(connection, n);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
                tally.ok((System.nanoTime() - start) / 1000);
            } catch (SQLException | RuntimeException e) {
                tally.failed((System.nanoTime() - start) / 1000, e.getClass().getSimpleName(), String.valueOf(e));
            }
        }
    }

    private void writeSession(Connection connection, long n) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String sessionId = id("dep_");
        String amount = (10 + n % 990) + "." + (n % 100);
        Object[] session = {sessionId, widgetId, businessId, amount, new BigDecimal(amount), "USDC", "polygon",
                "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174", "0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063",
                "customer" + n + "@example.com", "order_" + n,
                "{\"orderId\":\"A" + n + "\",\"channel\":\"web\",\"locale\":\"de-DE\","
                        + "\"cart\":[{\"sku\":\"sku-1042\",\"qty\":2},{\"sku\":\"sku-77\",\"qty\":1}]}",
                utc(now), utc(now.plus(Duration.ofMinutes(30))), 0L, "CREATED", null, null, null, false, null, null,
                1L};
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SESSION)) {
            bind(insert, 0, session);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            insert.setString(1, id("evt_"));
            insert.setLong(2, 1L);
            insert.setString(3, null);
            insert.setString(4, utc(now));
            bind(insert, 4, session);
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, int offset, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(offset + i + 1, values[i]);
        }
    }

    /** Sluice's id format: a prefix and 128 random bits in hex, so the primary keys land as randomly. */
    private static String id(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static String utc(Instant instant) {
        return DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static String insert(String table, String columns) {
        String placeholders = String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
    }

    @Override
    public void close() {
        pool.close();
    }
}
