package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.Observations;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.StoreUnavailableException;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcParametersConfig;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.lang.management.ManagementFactory;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The persistence adapter: the application's outbound ports on MySQL 8, MariaDB 10.6+ or H2 (MySQL
 * mode), through Helidon DbClient JDBC with a HikariCP pool.
 *
 * <pre>{@code
 * PersistenceModule persistence = PersistenceModule.open(DatabaseSettings.of(url, user, password));
 * new CreateDepositSessionService(persistence.widgets(), persistence.depositSessions(),
 *         persistence.newSessions(), persistence.outbox(), persistence.idempotencyRecords(), schemas,
 *         persistence.unitOfWork(), clock, secrets);
 * ...
 * persistence.close();   // at shutdown
 * }</pre>
 *
 * <ul>
 * <li>{@link #open} migrates the schema (Flyway) and then connects; {@link #migrate} only migrates,
 *     for the {@code migrate} command.</li>
 * <li>Repositories called inside {@code unitOfWork().inTransaction(...)} share its transaction;
 *     outside one each call commits on its own.</li>
 * <li>An unreachable database surfaces as {@link StoreUnavailableException} from any method, after
 *     at most the configured connection timeout; the pool reconnects by itself when it returns.</li>
 * <li>{@link #assignFeedPositions()} is for a scheduler (every second or so): the events feed also
 *     does it on each read, but a scheduled pass keeps reads short.</li>
 * <li>{@link #ping()} is the readiness check.</li>
 * <li>Requests use a pool of {@code poolSize} connections; the outbox relay's claims, marks and
 *     pruning and the feed positions use a second pool of 2, and the group commit of new sessions
 *     ({@link #newSessions()}) one connection of its own, so an instance holds up to
 *     {@code poolSize + 3} connections.</li>
 * <li>{@link #close} first writes the new sessions still waiting, then closes the pools.</li>
 * </ul>
 */
public final class PersistenceModule implements AutoCloseable {
    /** New sessions written in one transaction at most (group commit). */
    public static final int SESSIONS_PER_COMMIT = JdbcNewSessions.MAX_BATCH;

    private static final AtomicInteger POOLS = new AtomicInteger();
    /**
     * Connections of the background pool: the outbox relay and the feed sequencer each hold one
     * for a moment per pass, and with a pool of their own they never wait behind a queue of
     * requests (at 256 concurrent requests on a pool of 16, that wait is up to the connection timeout).
     */
    private static final int BACKGROUND_POOL_SIZE = 2;

    private final DbClient client;
    private final DbClient backgroundClient;
    private final DbClient committerClient;
    private final ObjectName poolBean;
    private final Database db;
    private final String instanceId;
    private final JdbcWidgets widgets;
    private final JdbcDepositSessions sessions;
    private final JdbcNewSessions newSessions;
    private final JdbcObservations observations;
    private final JdbcOutbox outbox;
    private final JdbcEventFeed feed;
    private final JdbcIdempotencyRecords idempotency;

    private PersistenceModule(DbClient client, DbClient backgroundClient, DbClient committerClient,
            ObjectName poolBean, InstantSource clock) {
        this.client = client;
        this.backgroundClient = backgroundClient;
        this.committerClient = committerClient;
        this.poolBean = poolBean;
        Map<String, String> statements = statements();
        this.db = new Database(client, statements);
        Database background = new Database(backgroundClient, statements);
        // the owner of the relay lease while this process relays
        this.instanceId = "sluice-" + UUID.randomUUID();
        this.widgets = new JdbcWidgets(db);
        this.sessions = new JdbcDepositSessions(db);
        this.newSessions = new JdbcNewSessions(committerClient);
        this.observations = new JdbcObservations(db);
        this.outbox = new JdbcOutbox(db, background, instanceId, clock);
        this.feed = new JdbcEventFeed(db, backgroundClient);
        this.idempotency = new JdbcIdempotencyRecords(db);
    }

    /** Migrates the schema to the newest version, then connects. */
    public static PersistenceModule open(DatabaseSettings settings) {
        return open(settings, InstantSource.system());
    }

    /** As {@link #open(DatabaseSettings)}, with the relay lease and publication times on {@code clock}. */
    public static PersistenceModule open(DatabaseSettings settings, InstantSource clock) {
        migrate(settings);
        return connect(settings, clock);
    }

    /** Migrates the schema to the newest version and returns; safe to run from several instances at once. */
    public static void migrate(DatabaseSettings settings) {
        try {
            Flyway.configure()
                    .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                    .jdbcProperties(settings.driverProperties())
                    .locations("classpath:db/sluice")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException failure) {
            throw StoreFailures.translate(failure);
        }
    }

    /** Connects without migrating; the pool opens connections on demand, so this works while the database is down. */
    public static PersistenceModule connect(DatabaseSettings settings) {
        return connect(settings, InstantSource.system());
    }

    /** As {@link #connect(DatabaseSettings)}, with the relay lease and publication times on {@code clock}. */
    public static PersistenceModule connect(DatabaseSettings settings, InstantSource clock) {
        // unique per process, so that each pool's management bean (its usage) is its own
        String poolName = "sluice-" + POOLS.incrementAndGet();
        DbClient client = client(poolConfig(settings, poolName));
        DbClient backgroundClient = client(poolConfig(settings.withPoolSize(BACKGROUND_POOL_SIZE),
                poolName + "-background"));
        // one transaction at a time: the committer writes batches one after the other
        DbClient committerClient = client(poolConfig(settings.withPoolSize(1), poolName + "-committer"));
        try {
            return new PersistenceModule(client, backgroundClient, committerClient,
                    new ObjectName("com.zaxxer.hikari:type=Pool (" + poolName + ")"), clock);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    public Widgets widgets() {
        return widgets;
    }

    public DepositSessions depositSessions() {
        return sessions;
    }

    /** New sessions, committed many to a transaction under load (group commit). */
    public NewSessions newSessions() {
        return newSessions;
    }

    public Observations observations() {
        return observations;
    }

    public Outbox outbox() {
        return outbox;
    }

    public EventFeed eventFeed() {
        return feed;
    }

    /** Every business's events in commit order, for sinks that keep their own cursor (webhooks). */
    public CommittedEvents committedEvents() {
        return feed;
    }

    public IdempotencyRecords idempotencyRecords() {
        return idempotency;
    }

    public UnitOfWork unitOfWork() {
        return db;
    }

    /** This process's name as owner of the relay lease. */
    public String instanceId() {
        return instanceId;
    }

    /** Gives committed events their feed positions; see the class comment. */
    public void assignFeedPositions() {
        feed.assignPositions();
    }

    /** Throws {@link StoreUnavailableException} unless the database answers a query. */
    public void ping() {
        db.get("ping", Map.of(), row -> row).orElseThrow();
    }

    /** Connections in use, idle and awaited right now, e.g. for a metrics gauge. */
    public PoolUsage poolUsage() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            return new PoolUsage((Integer) server.getAttribute(poolBean, "ActiveConnections"),
                    (Integer) server.getAttribute(poolBean, "IdleConnections"),
                    (Integer) server.getAttribute(poolBean, "ThreadsAwaitingConnection"));
        } catch (JMException e) {
            // the pool registers its bean when it opens its first connection
            return new PoolUsage(0, 0, 0);
        }
    }

    public record PoolUsage(int active, int idle, int waiting) {
    }

    @Override
    public void close() {
        try {
            newSessions.close();
        } finally {
            try {
                committerClient.close();
                backgroundClient.close();
            } finally {
                client.close();
            }
        }
    }

    private static DbClient client(Map<String, String> poolConfig) {
        return JdbcClientBuilder.create()
                .connectionPool(JdbcConnectionPool.create(Config.just(ConfigSources.create(poolConfig))))
                // Helidon binds a string over 1,024 characters as a character stream by default, and
                // Connector/J sends such a stream in chunks that can split a surrogate pair: an emoji
                // at a chunk boundary was stored as '?'. Every string is bound whole with setString.
                .parametersSetter(JdbcParametersConfig.builder().useStringBinding(false).build())
                .build();
    }

    private static Map<String, String> poolConfig(DatabaseSettings settings, String poolName) {
        Map<String, String> config = new HashMap<>();
        config.put("url", settings.jdbcUrl());
        config.put("username", settings.user());
        config.put("password", settings.password());
        config.put("poolName", poolName);
        config.put("registerMbeans", "true");
        config.put("maximumPoolSize", Integer.toString(settings.poolSize()));
        config.put("connectionTimeout", Long.toString(settings.connectionTimeout().toMillis()));
        // Hikari wants the validation timeout below the connection timeout, and at least 250 ms.
        config.put("validationTimeout", Long.toString(Math.max(250, settings.connectionTimeout().toMillis() / 2)));
        // Build the pool even while the database is down; requests fail fast until it is back.
        config.put("initializationFailTimeout", "-1");
        // READ COMMITTED on every database: no gap locks in InnoDB, so claims never block inserts,
        // and every statement sees what committed before it (the feed sequencer relies on that).
        config.put("transactionIsolation", "TRANSACTION_READ_COMMITTED");
        // Every statement runs in a transaction (see Database), so connections never leave manual-commit mode.
        config.put("autoCommit", "false");
        settings.driverProperties().forEach((name, value) -> config.put("dataSource." + name, value));
        return config;
    }

    private static Map<String, String> statements() {
        Map<String, String> statements = new HashMap<>(Map.of("ping", "SELECT 1"));
        Stream.of(JdbcWidgets.STATEMENTS, JdbcDepositSessions.STATEMENTS, JdbcObservations.STATEMENTS,
                        JdbcOutbox.STATEMENTS, JdbcEventFeed.STATEMENTS, JdbcIdempotencyRecords.STATEMENTS)
                .forEach(statements::putAll);
        return statements;
    }
}
