package dev.sluice.adapters.webhooks;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.WebhookAddresses;
import dev.sluice.application.port.out.WebhookDeliveries;
import dev.sluice.application.port.out.WebhookEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The webhook sink: every committed event, signed, to the merchants' endpoints.
 *
 * <pre>{@code
 * WebhooksModule webhooks = WebhooksModule.open(settings, persistence.committedEvents(), clock, metrics);
 * // the management use cases take webhooks.endpoints(), webhooks.deliveries(), webhooks.addresses()
 * webhooks.start();
 * ...
 * webhooks.close(Duration.ofSeconds(3));   // at shutdown: attempts in flight finish or are given back
 * }</pre>
 *
 * <p>It owns its tables: {@link #migrate} creates and upgrades them (Flyway, {@code db/webhooks},
 * history in {@code flyway_webhooks_history}) beside the core schema, and it reads them on a small
 * pool of its own.
 */
public final class WebhooksModule implements AutoCloseable {
    // the loop (fan-out, claims) and the outcomes of attempts finishing at once, each a short transaction
    private static final int POOL_SIZE = 8;

    private final HikariDataSource pool;
    private final WebhookStore store;
    private final AddressPolicy addresses;
    private final Dispatcher dispatcher;

    private WebhooksModule(HikariDataSource pool, WebhookStore store, AddressPolicy addresses, Dispatcher dispatcher) {
        this.pool = pool;
        this.store = store;
        this.addresses = addresses;
        this.dispatcher = dispatcher;
    }

    /** Migrates the sink's tables to the newest version; safe to run from several instances at once. */
    public static void migrate(WebhookSettings.Database database) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .jdbcProperties(database.driverProperties())
                .locations("classpath:db/webhooks")
                .table("flyway_webhooks_history")
                // the core schema's tables are there already: start this history from nothing
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /**
     * Connects (the pool opens connections on demand, so this works while the database is down).
     * {@code clock} drives the schedule; the {@code webhook-timestamp} of an attempt is the wall clock's.
     */
    public static WebhooksModule open(WebhookSettings settings, CommittedEvents events, Clock clock,
            AttemptObserver observer) {
        HikariDataSource pool = Pool.open(settings.database(), POOL_SIZE, "sluice-webhooks-" + UUID.randomUUID());
        WebhookStore store = new WebhookStore(new Jdbc(pool), new SecretBox(settings.secretsKey()),
                "webhooks-" + UUID.randomUUID());
        AddressPolicy addresses = new AddressPolicy(settings.allowPrivate());
        Dispatcher dispatcher = new Dispatcher(store, events, addresses, new Sender(settings.attemptTimeout()),
                settings, clock, InstantSource.system(), observer);
        return new WebhooksModule(pool, store, addresses, dispatcher);
    }

    public WebhookEndpoints endpoints() {
        return store;
    }

    public WebhookDeliveries deliveries() {
        return store;
    }

    public WebhookAddresses addresses() {
        return addresses;
    }

    /** Starts fanning out and delivering, on a thread of its own. */
    public void start() {
        dispatcher.start();
    }

    /** One pass of the loop, for tests that step the sink themselves; returns the attempts started. */
    public int runOnce() {
        return dispatcher.runOnce();
    }

    /** Deliveries waiting (due, scheduled or queued), and when the oldest of them was created. */
    public Backlog backlog() {
        WebhookStore.Backlog backlog = store.backlog();
        return new Backlog(backlog.count(), backlog.oldestCreatedAt());
    }

    public record Backlog(long count, Instant oldestCreatedAt) {
    }

    /** Stops delivering: attempts in flight get {@code drain} to finish; then the pool closes. */
    public void close(Duration drain) {
        try {
            dispatcher.close(drain);
        } finally {
            pool.close();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }
}
