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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceilings: what create-session writes (a session row and its deposit.created outbox row)
 * straight through JDBC, with Sluice's pool size, isolation and driver settings and nothing else:
 * no HTTP, no validation, no widget lookup, no relay. The naive ceiling writes one session per
 * transaction (INSERT, INSERT, COMMIT); the batched one many per transaction, each table's rows in
 * one multi-row INSERT (INSERT, INSERT, COMMIT for all of them): what MariaDB can write on these cores.
 */
final class JdbcCeiling implements AutoCloseable {
    private static final String SESSION_COLUMNS = "session_id, widget_id, business_id, amount, amount_value,"
            + " currency, network, currency_address, deposit_address, customer_email, customer_reference, metadata,"
            + " payment_tolerance_percent, test_mode, created_at, expires_at, version, status, tx_id, amount_received,"
            + " amount_received_value, late_payment, confirmed_at, cancelled_at, last_sequence";
    private static final String EVENT_COLUMNS = "event_id, sequence, previous_status, occurred_at, payments, "
            + SESSION_COLUMNS;
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

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

    /** The naive ceiling: {@code concurrency} connections each writing one session a transaction. */
    Phase run(String name, int concurrency, Duration duration) throws InterruptedException {
        return runBatched(name, concurrency, 1, duration);
    }

    /**
     * {@code workers} connections each writing {@code sessionsPerTx} sessions a transaction; counts
     * sessions, each with its transaction's latency.
     */
    Phase runBatched(String name, int workers, int sessionsPerTx, Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Phase.Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            Phase.Tally tally = new Phase.Tally();
            tallies.add(tally);
            threads.add(Thread.ofVirtual().name(name + "-" + i).start(() -> work(tally, deadline, sessionsPerTx)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return Phase.merge(name, workers, (System.nanoTime() - started) / 1e9, tallies);
    }

    private void work(Phase.Tally tally, long deadline, int sessionsPerTx) {
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            try (Connection connection = pool.getConnection()) {
                try {
                    writeSessions(connection, sessionsPerTx);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
                for (int i = 0; i < sessionsPerTx; i++) {
                    tally.ok((System.nanoTime() - start) / 1000);
                }
            } catch (SQLException | RuntimeException e) {
                tally.failed((System.nanoTime() - start) / 1000, e.getClass().getSimpleName(), String.valueOf(e));
            }
        }
    }

    /** {@code count} sessions in one INSERT, then their events in another. */
    private void writeSessions(Connection connection, int count) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Object[]> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sessions.add(sessionRow(sequence.incrementAndGet(), now));
        }
        try (PreparedStatement insert = connection.prepareStatement(insert("deposit_sessions", SESSION_COLUMNS, count))) {
            int offset = 0;
            for (Object[] session : sessions) {
                offset = bind(insert, offset, session);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(insert("outbox_events", EVENT_COLUMNS, count))) {
            int offset = 0;
            for (Object[] session : sessions) {
                offset = bind(insert, offset, new Object[] {id("evt_"), 1L, null, utc(now), "[]"});
                offset = bind(insert, offset, session);
            }
            insert.executeUpdate();
        }
    }

    private Object[] sessionRow(long n, Instant now) {
        String amount = (10 + n % 990) + "." + (n % 100);
        return new Object[] {id("dep_"), widgetId, businessId, amount, new BigDecimal(amount), "USDC", "polygon",
                "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174", "0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063",
                "customer" + n + "@example.com", "order_" + n,
                "{\"orderId\":\"A" + n + "\",\"channel\":\"web\",\"locale\":\"de-DE\","
                        + "\"cart\":[{\"sku\":\"sku-1042\",\"qty\":2},{\"sku\":\"sku-77\",\"qty\":1}]}",
                "0", false, utc(now), utc(now.plus(Duration.ofMinutes(30))), 0L, "CREATED", null, null, null, false,
                null, null,
                1L};
    }

    /** Binds {@code values} after the first {@code offset} parameters; returns the new offset. */
    private static int bind(PreparedStatement statement, int offset, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(offset + i + 1, values[i]);
        }
        return offset + values.length;
    }

    /**
     * Sluice's id format for sessions and events (RandomTokens.orderedId): a prefix, the current
     * millisecond in 12 hex digits and 80 random bits in 20, so the primary keys land where Sluice's do.
     */
    private static String id(String prefix) {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().toHexDigits(System.currentTimeMillis()).substring(4) + HexFormat.of().formatHex(bytes);
    }

    private static String utc(Instant instant) {
        return DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static String insert(String table, String columns, int rows) {
        return TEXTS.computeIfAbsent(table + "/" + rows, key -> insertText(table, columns, rows));
    }

    private static String insertText(String table, String columns, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(columns.split(",").length, "?")) + ")";
        return "INSERT INTO " + table + " (" + columns + ") VALUES " + String.join(", ", Collections.nCopies(rows, row));
    }

    @Override
    public void close() {
        pool.close();
    }
}
