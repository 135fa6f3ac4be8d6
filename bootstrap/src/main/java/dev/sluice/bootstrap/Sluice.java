package dev.sluice.bootstrap;

import dev.sluice.adapters.http.HttpApi;
import dev.sluice.adapters.http.JwtSettings;
import dev.sluice.adapters.http.schema.JsonSchemaMetadataSchemas;
import dev.sluice.adapters.kafka.BrokerCheck;
import dev.sluice.adapters.kafka.ObservationConsumer;
import dev.sluice.adapters.kafka.ObservationSettings;
import dev.sluice.adapters.kafka.OutboxRelay;
import dev.sluice.adapters.kafka.RelaySettings;
import dev.sluice.adapters.persistence.DatabaseSettings;
import dev.sluice.adapters.persistence.PersistenceModule;
import dev.sluice.adapters.webhooks.WebhookSettings;
import dev.sluice.adapters.webhooks.WebhooksModule;
import dev.sluice.application.port.in.ExpireDueSessions;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.service.CancelDepositSessionService;
import dev.sluice.application.service.CreateDepositSessionService;
import dev.sluice.application.service.CreateWidgetService;
import dev.sluice.application.service.DeleteWidgetService;
import dev.sluice.application.service.FollowSessionChangesService;
import dev.sluice.application.service.ExpireDueSessionsService;
import dev.sluice.application.service.GetDepositSessionService;
import dev.sluice.application.service.GetPaymentPageService;
import dev.sluice.application.service.GetWidgetConfigService;
import dev.sluice.application.service.GetWidgetService;
import dev.sluice.application.service.ListDepositSessionsService;
import dev.sluice.application.service.ListEventsService;
import dev.sluice.application.service.ListWidgetsService;
import dev.sluice.application.service.RecordObservationService;
import dev.sluice.application.service.SimulatePaymentService;
import dev.sluice.application.service.RotateWidgetSecretService;
import dev.sluice.application.service.UpdateWidgetService;
import dev.sluice.application.service.WebhookDeliveriesService;
import dev.sluice.application.service.WebhookEndpointsService;
import dev.sluice.domain.session.SessionSecrets;
import io.helidon.common.concurrency.limits.FixedLimit;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running Sluice: the database, the use cases, the HTTP server, the webhook sink and, when
 * Kafka is configured, the outbox relay and the observation consumer; plus the schedules every instance
 * runs (expiry sweeps, feed positions, forgetting day-old idempotency records). {@link #close}
 * stops them in the order that loses nothing.
 */
final class Sluice implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Sluice.class.getName());
    private static final int EXPIRY_BATCH = 200;
    private static final Duration FEED_POSITION_INTERVAL = Duration.ofMillis(500);
    private static final Duration IDEMPOTENCY_PURGE_INTERVAL = Duration.ofMinutes(10);
    private static final int ADMISSION_QUEUE = 4096;
    private static final Duration ADMISSION_WAIT = Duration.ofSeconds(10);
    /*
     * SIGTERM to exit within 10 s: requests in flight get 4 s, the relay 3 s to finish the sends it
     * has claimed, the consumer 2 s for the message in hand; the rest closes at once.
     */
    private static final Duration REQUEST_GRACE = Duration.ofSeconds(4);
    private static final Duration RELAY_DRAIN = Duration.ofSeconds(3);
    private static final Duration CONSUMER_DRAIN = Duration.ofSeconds(2);
    // beside the relay's drain, not after it: attempts in flight get 3 s to record their outcome
    private static final Duration WEBHOOKS_DRAIN = Duration.ofSeconds(3);
    private static final Duration BROKER_CHECK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BROKER_CHECK_MAX_AGE = Duration.ofSeconds(5);

    private final PersistenceModule persistence;
    private final HttpApi api;
    private final WebhooksModule webhooks;
    private final SluiceMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Streams streams;
    private final WebServer server;
    private final AtomicBoolean stopping;

    private Sluice(PersistenceModule persistence, HttpApi api, WebhooksModule webhooks, SluiceMetrics metrics,
            ScheduledExecutorService scheduler, Streams streams, WebServer server, AtomicBoolean stopping) {
        this.stopping = stopping;
        this.persistence = persistence;
        this.api = api;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.streams = streams;
        this.server = server;
    }

    /** The Kafka side, all present when Kafka is configured and all absent when not. */
    private record Streams(OutboxRelay relay, ObservationConsumer consumer, BrokerCheck brokerCheck) {
        static final Streams OFF = new Streams(null, null, null);

        /** The scheduler threads the relay and the consumer occupy, one loop each. */
        int loops() {
            return relay == null ? 0 : 2;
        }
    }

    /** A Sluice on the system clock. */
    static Sluice start(Settings settings) {
        return start(settings, () -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * A Sluice whose use cases and webhook schedule read {@code clock} (tests run time faster, or move
     * through days of webhook retries). Migrating (Flyway, and H2
     * creating or opening its file) is the longest single step of a start, so it runs on its own
     * thread while the rest is wired; the pool needs no schema to be built. Nothing that touches the
     * database, and no listener, starts before the migration is done.
     */
    static Sluice start(Settings settings, Clock clock) {
        DataDirectory data = DataDirectory.open(settings.dataDir());
        DatabaseSettings database = databaseSettings(settings, data);
        WebhookSettings webhooks = webhookSettings(settings, data);
        CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> migrate(database, webhooks),
                task -> Thread.ofPlatform().name("sluice-migration").start(task));
        PersistenceModule persistence = null;
        try {
            persistence = PersistenceModule.connect(database);
            return start(settings, data, persistence, migration, webhooks, clock);
        } catch (RuntimeException e) {
            // never close the pool under a migration still running: wait for it, whatever its outcome
            migration.exceptionally(failure -> null).join();
            if (persistence != null) {
                persistence.close();
            }
            throw e;
        }
    }

    /** The core schema, then the tables of the sinks that keep their state in the database. */
    static void migrate(DatabaseSettings database, WebhookSettings webhooks) {
        PersistenceModule.migrate(database);
        WebhooksModule.migrate(webhooks.database());
    }

    /** The webhook sink on the same database, through a small pool of its own. */
    static WebhookSettings webhookSettings(Settings settings, DataDirectory data) {
        DatabaseSettings database = databaseSettings(settings, data);
        Settings.Webhooks webhooks = settings.webhooks();
        return WebhookSettings.defaults(new WebhookSettings.Database(database.jdbcUrl(), database.user(),
                                database.password(), database.driverProperties()),
                        webhooks.secretsKey().orElseGet(data::secretsKey), webhooks.allowPrivate())
                .withConcurrency(webhooks.concurrency(), webhooks.endpointConcurrency())
                .withAttemptTimeout(webhooks.timeout())
                .withLease(webhooks.lease());
    }

    static DatabaseSettings databaseSettings(Settings settings, DataDirectory data) {
        return settings.database()
                .map(db -> DatabaseSettings.of(db.url(), db.user(), db.password()))
                .orElseGet(() -> DatabaseSettings.h2File(data.root()))
                .withPoolSize(settings.dbPoolSize())
                .withConnectionTimeout(settings.dbConnectTimeout());
    }

    private static Sluice start(Settings settings, DataDirectory data, PersistenceModule db,
            CompletableFuture<Void> migration, WebhookSettings webhookSettings, Clock clock) {
        SluiceMetrics metrics = new SluiceMetrics(db);
        WebhooksModule webhooks = WebhooksModule.open(webhookSettings, db.committedEvents(), clock, metrics);
        metrics.watch(webhooks);
        UseCases useCases = UseCases.wire(db, metrics.counting(db.outbox(), db.unitOfWork()), webhooks, clock,
                new SessionSecrets(settings.sessionSecretKey().orElseGet(data::sessionSecretKey)));
        AtomicReference<WebServer> listening = new AtomicReference<>();
        HttpApi api = httpApi(settings, data, metrics, useCases, listening);
        metrics.watch(api);
        Streams streams = streams(settings, useCases, metrics, clock);
        AtomicBoolean stopping = new AtomicBoolean();
        WebServer server = server(settings, api, health(db, streams), stopping);
        listening.set(server);
        try {
            awaitMigration(migration);
        } catch (RuntimeException e) {
            closeQuietly(streams);
            webhooks.close(Duration.ZERO);
            throw e;
        }
        ScheduledExecutorService scheduler = schedule(jobs(settings, db, useCases, clock), streams);
        webhooks.start();
        server.start();
        return new Sluice(db, api, webhooks, metrics, scheduler, streams, server, stopping);
    }

    /**
     * Every use case, over one outbox and the unit of work that commits its appends: the events a
     * use case appends are counted for metrics when, and only when, their transaction commits.
     */
    private record UseCases(CreateWidgetService createWidget, ListWidgetsService listWidgets,
            GetWidgetService getWidget, UpdateWidgetService updateWidget, DeleteWidgetService deleteWidget,
            RotateWidgetSecretService rotateWidgetSecret, GetWidgetConfigService getWidgetConfig,
            CreateDepositSessionService createDepositSession, GetDepositSessionService getDepositSession,
            CancelDepositSessionService cancelDepositSession, ListDepositSessionsService listDepositSessions,
            RecordObservationService recordObservation, ListEventsService listEvents,
            ExpireDueSessionsService expireDueSessions, SimulatePaymentService simulatePayment,
            GetPaymentPageService getPaymentPage, FollowSessionChangesService followSessionChanges,
            WebhookEndpointsService webhookEndpoints, WebhookDeliveriesService webhookDeliveries, Outbox outbox) {

        static UseCases wire(PersistenceModule db, CountingOutbox counting, WebhooksModule webhooks, Clock clock,
                SessionSecrets secrets) {
            Outbox outbox = counting;
            UnitOfWork unitOfWork = counting.unitOfWork();
            MetadataSchemas schemas = new JsonSchemaMetadataSchemas();
            return new UseCases(
                    new CreateWidgetService(db.widgets(), schemas, unitOfWork, clock),
                    new ListWidgetsService(db.widgets()),
                    new GetWidgetService(db.widgets()),
                    new UpdateWidgetService(db.widgets(), schemas, unitOfWork, clock),
                    new DeleteWidgetService(db.widgets(), unitOfWork, clock),
                    new RotateWidgetSecretService(db.widgets(), unitOfWork, clock),
                    new GetWidgetConfigService(db.widgets()),
                    new CreateDepositSessionService(db.widgets(), db.depositSessions(),
                            counting.newSessions(db.newSessions()), outbox, db.idempotencyRecords(), schemas,
                            unitOfWork, clock, secrets),
                    new GetDepositSessionService(db.widgets(), db.depositSessions(), outbox, unitOfWork, clock,
                            secrets),
                    new CancelDepositSessionService(db.widgets(), db.depositSessions(), outbox, unitOfWork, clock,
                            secrets),
                    new ListDepositSessionsService(db.widgets(), db.depositSessions()),
                    new RecordObservationService(db.depositSessions(), db.observations(), outbox, unitOfWork, clock),
                    new ListEventsService(db.eventFeed()),
                    new ExpireDueSessionsService(db.depositSessions(), outbox, unitOfWork, clock),
                    new SimulatePaymentService(db.widgets(), db.depositSessions(), db.observations(), outbox,
                            unitOfWork, clock, secrets),
                    new GetPaymentPageService(db.widgets()),
                    new FollowSessionChangesService(db.eventFeed()),
                    new WebhookEndpointsService(webhooks.endpoints(), webhooks.deliveries(), webhooks.addresses(),
                            clock),
                    new WebhookDeliveriesService(webhooks.deliveries(), clock),
                    outbox);
        }
    }

    /** {@code listening}: the default public URL names the port, which is known once the server listens. */
    private static HttpApi httpApi(Settings settings, DataDirectory data, SluiceMetrics metrics, UseCases useCases,
            AtomicReference<WebServer> listening) {
        String jwks = settings.jwks().orElseGet(() -> data.devJwks().toString());
        return HttpApi.builder()
                .jwt(JwtSettings.of(jwks, settings.jwtIssuer(), settings.jwtAudience()))
                .rateLimitPerMinute(settings.rateLimitPerMinute())
                .requestObserver(metrics)
                .admission(admission(settings))
                .publicUrl(() -> settings.publicUrl()
                        .orElseGet(() -> URI.create("http://localhost:" + listening.get().port())))
                .maxStreams(settings.maxStreams())
                .demoPage(settings.database().isEmpty())
                .getPaymentPage(useCases.getPaymentPage())
                .followSessionChanges(useCases.followSessionChanges())
                .createWidget(useCases.createWidget())
                .listWidgets(useCases.listWidgets())
                .getWidget(useCases.getWidget())
                .updateWidget(useCases.updateWidget())
                .deleteWidget(useCases.deleteWidget())
                .rotateWidgetSecret(useCases.rotateWidgetSecret())
                .getWidgetConfig(useCases.getWidgetConfig())
                .createDepositSession(useCases.createDepositSession())
                .getDepositSession(useCases.getDepositSession())
                .cancelDepositSession(useCases.cancelDepositSession())
                .listDepositSessions(useCases.listDepositSessions())
                .recordObservation(useCases.recordObservation())
                .listEvents(useCases.listEvents())
                .simulatePayment(useCases.simulatePayment())
                .createWebhookEndpoint(useCases.webhookEndpoints())
                .listWebhookEndpoints(useCases.webhookEndpoints())
                .getWebhookEndpoint(useCases.webhookEndpoints())
                .updateWebhookEndpoint(useCases.webhookEndpoints())
                .deleteWebhookEndpoint(useCases.webhookEndpoints())
                .rotateWebhookSecret(useCases.webhookEndpoints())
                .sendTestWebhook(useCases.webhookEndpoints())
                .listWebhookDeliveries(useCases.webhookDeliveries())
                .getWebhookDelivery(useCases.webhookDeliveries())
                .redeliverWebhook(useCases.webhookDeliveries())
                .build();
    }

    private static Streams streams(Settings settings, UseCases useCases, SluiceMetrics metrics, Clock clock) {
        return settings.kafkaBootstrapServers().map(servers -> {
            OutboxRelay relay = new OutboxRelay(useCases.outbox(), RelaySettings.defaults(servers)
                    .withTopic(settings.eventsTopic()).withShutdownTimeout(RELAY_DRAIN)
                    .withRetention(settings.outboxRetention()), clock);
            metrics.watch(relay);
            ObservationConsumer consumer = new ObservationConsumer(useCases.recordObservation(),
                    ObservationSettings.defaults(servers).withTopic(settings.observationsTopic())
                            .withShutdownTimeout(CONSUMER_DRAIN));
            metrics.watch(consumer);
            return new Streams(relay, consumer, new BrokerCheck(servers, BROKER_CHECK_TIMEOUT));
        }).orElse(Streams.OFF);
    }

    private static HealthObserver health(PersistenceModule db, Streams streams) {
        var health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> databaseHealth(db), HealthCheckType.READINESS, "database");
        if (streams.brokerCheck() != null) {
            Cached<Boolean> reachable = new Cached<>(streams.brokerCheck()::reachable, BROKER_CHECK_MAX_AGE);
            health.addCheck(() -> HealthCheckResponse.builder().status(reachable.get()).build(),
                    HealthCheckType.READINESS, "kafka");
        }
        return health.build();
    }

    private static WebServer server(Settings settings, HttpApi api, HealthObserver health, AtomicBoolean stopping) {
        return WebServer.builder()
                .port(settings.port())
                .shutdownHook(false)
                .shutdownGracePeriod(REQUEST_GRACE)
                .directHandlers(api.directHandlers())
                .routing(routing -> {
                    routing.addFilter((chain, request, response) -> {
                        // the server waits for each connection to end, and a keep-alive one would
                        // not: once stopping, every answer closes its connection
                        if (stopping.get()) {
                            response.header(HeaderValues.CONNECTION_CLOSE);
                        }
                        chain.proceed();
                    });
                    api.register(routing);
                })
                .addFeature(ObserveFeature.just(health, MetricsObserver.create()))
                .build();
    }

    /** A recurring job of every instance; a failing run is logged and retried at the next tick. */
    private record Job(String name, Duration interval, Runnable task) {
    }

    private static List<Job> jobs(Settings settings, PersistenceModule db, UseCases useCases, Clock clock) {
        return List.of(
                new Job("expiry sweep", settings.expirySweepInterval(), () -> sweep(useCases.expireDueSessions())),
                new Job("feed positions", FEED_POSITION_INTERVAL, db::assignFeedPositions),
                new Job("idempotency purge", IDEMPOTENCY_PURGE_INTERVAL,
                        () -> db.idempotencyRecords().forgetExpired(clock.now())));
    }

    /**
     * One thread per job and per stream loop: the consumer's poll blocks for up to its poll timeout,
     * and a relay pass waiting behind it would be relay lag.
     */
    private static ScheduledExecutorService schedule(List<Job> jobs, Streams streams) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(jobs.size() + streams.loops(),
                Thread.ofPlatform().name("sluice-scheduler-", 0).daemon().factory());
        jobs.forEach(job -> every(scheduler, job));
        if (streams.relay() != null) {
            streams.relay().start(scheduler);
            streams.consumer().start(scheduler);
        }
        return scheduler;
    }

    /**
     * Requests (status streams aside, see HttpApi) beyond twice the pool size, plus a transaction's
     * worth of new sessions, wait in one first-come queue: waiting there in order is fairer than all
     * of them racing for a pool connection, where the unlucky ones gave up after the pool's timeout
     * and answered 503 while later requests went through. A create-session waiting for the group
     * commit holds no pool connection, and a limit of twice the pool alone kept the committer's
     * batches at about ten sessions (bench/README.md, round 4).
     */
    private static FixedLimit admission(Settings settings) {
        return FixedLimit.builder()
                .permits(2 * settings.dbPoolSize() + PersistenceModule.SESSIONS_PER_COMMIT)
                .fair(true)
                .queueLength(ADMISSION_QUEUE)
                .queueTimeout(ADMISSION_WAIT)
                .build();
    }

    /** Rethrows a failed migration as the sequential call would have thrown it. */
    private static void awaitMigration(CompletableFuture<Void> migration) {
        try {
            migration.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Sweeps until no due session is left, so a backlog clears in one pass. */
    private static void sweep(ExpireDueSessions expiry) {
        int expired;
        do {
            expired = expiry.expireDue(EXPIRY_BATCH);
        } while (expired == EXPIRY_BATCH);
    }

    private static HealthCheckResponse databaseHealth(PersistenceModule db) {
        try {
            db.ping();
            return HealthCheckResponse.builder().status(true).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getClass().getSimpleName()).build();
        }
    }

    /** A failing run is logged and retried at the next tick, never allowed to end the schedule. */
    private static void every(ScheduledExecutorService scheduler, Job job) {
        long interval = job.interval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.task().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, job.name() + " failed: " + e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    int port() {
        return server.port();
    }

    /** The outbox relay, when Kafka is configured. */
    Optional<OutboxRelay> relay() {
        return Optional.ofNullable(streams.relay());
    }

    /** The observation consumer, when Kafka is configured. */
    Optional<ObservationConsumer> consumer() {
        return Optional.ofNullable(streams.consumer());
    }

    /**
     * Stops taking requests and lets in-flight ones finish, then drains the relay, the consumer and,
     * beside them, the webhook attempts in flight, then stops the schedules, and closes the database
     * last because everything above uses it.
     */
    @Override
    public void close() {
        stopping.set(true);
        // open status streams would hold the server's stop for up to their hour
        api.close();
        server.stop();
        Thread webhooksDrain = Thread.ofPlatform().name("sluice-webhooks-drain")
                .start(() -> webhooks.close(WEBHOOKS_DRAIN));
        closeQuietly(streams);
        try {
            webhooksDrain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        persistence.close();
    }

    private static void closeQuietly(Streams streams) {
        closeQuietly(streams.relay());
        closeQuietly(streams.consumer());
        closeQuietly(streams.brokerCheck());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + closeable.getClass().getSimpleName() + " failed: " + e);
        }
    }

    String url() {
        return "http://localhost:" + port();
    }
}
