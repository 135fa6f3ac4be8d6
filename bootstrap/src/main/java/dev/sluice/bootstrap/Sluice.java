package dev.sluice.bootstrap;

import dev.sluice.adapters.http.HttpApi;
import dev.sluice.adapters.http.JwtSettings;
import dev.sluice.adapters.http.schema.JsonSchemaMetadataSchemas;
import dev.sluice.adapters.kafka.ObservationConsumer;
import dev.sluice.adapters.kafka.ObservationSettings;
import dev.sluice.adapters.kafka.OutboxRelay;
import dev.sluice.adapters.kafka.RelaySettings;
import dev.sluice.adapters.persistence.DatabaseSettings;
import dev.sluice.adapters.persistence.PersistenceModule;
import dev.sluice.application.port.in.ExpireDueSessions;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.application.service.CancelDepositSessionService;
import dev.sluice.application.service.CreateDepositSessionService;
import dev.sluice.application.service.CreateWidgetService;
import dev.sluice.application.service.DeleteWidgetService;
import dev.sluice.application.service.ExpireDueSessionsService;
import dev.sluice.application.service.GetDepositSessionService;
import dev.sluice.application.service.GetWidgetConfigService;
import dev.sluice.application.service.GetWidgetService;
import dev.sluice.application.service.ListDepositSessionsService;
import dev.sluice.application.service.ListEventsService;
import dev.sluice.application.service.ListWidgetsService;
import dev.sluice.application.service.RecordObservationService;
import dev.sluice.application.service.RotateWidgetSecretService;
import dev.sluice.application.service.UpdateWidgetService;
import dev.sluice.domain.session.SessionSecrets;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One running Sluice: the database, the use cases, the HTTP server and, when Kafka is
 * configured, the outbox relay and the observation consumer; plus the schedules every instance
 * runs (expiry sweeps, feed positions). {@link #close} stops them in the order that loses nothing.
 */
final class Sluice implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Sluice.class.getName());
    private static final int EXPIRY_BATCH = 200;
    private static final Duration FEED_POSITION_INTERVAL = Duration.ofMillis(500);

    private final PersistenceModule persistence;
    private final ScheduledExecutorService scheduler;
    private final List<AutoCloseable> streams;
    private final WebServer server;

    private Sluice(PersistenceModule persistence, ScheduledExecutorService scheduler, List<AutoCloseable> streams,
            WebServer server) {
        this.persistence = persistence;
        this.scheduler = scheduler;
        this.streams = streams;
        this.server = server;
    }

    static Sluice start(Settings settings) {
        DataDirectory data = new DataDirectory(settings.dataDir());
        PersistenceModule persistence = PersistenceModule.open(databaseSettings(settings, data));
        try {
            return start(settings, data, persistence);
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
    }

    static DatabaseSettings databaseSettings(Settings settings, DataDirectory data) {
        return settings.database()
                .map(db -> DatabaseSettings.of(db.url(), db.user(), db.password()))
                .orElseGet(() -> DatabaseSettings.h2File(data.root()))
                .withPoolSize(settings.dbPoolSize())
                .withConnectionTimeout(settings.dbConnectTimeout());
    }

    private static Sluice start(Settings settings, DataDirectory data, PersistenceModule db) {
        Clock clock = () -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionSecrets secrets = new SessionSecrets(settings.sessionSecretKey().orElseGet(data::sessionSecretKey));
        MetadataSchemas schemas = new JsonSchemaMetadataSchemas();
        String jwks = settings.jwks().orElseGet(() -> data.devJwks().toString());

        HttpApi api = HttpApi.builder()
                .jwt(JwtSettings.of(jwks, settings.jwtIssuer(), settings.jwtAudience()))
                .rateLimitPerMinute(settings.rateLimitPerMinute())
                .createWidget(new CreateWidgetService(db.widgets(), schemas, db.unitOfWork(), clock))
                .listWidgets(new ListWidgetsService(db.widgets()))
                .getWidget(new GetWidgetService(db.widgets()))
                .updateWidget(new UpdateWidgetService(db.widgets(), schemas, db.unitOfWork(), clock))
                .deleteWidget(new DeleteWidgetService(db.widgets(), db.unitOfWork(), clock))
                .rotateWidgetSecret(new RotateWidgetSecretService(db.widgets(), db.unitOfWork(), clock))
                .getWidgetConfig(new GetWidgetConfigService(db.widgets()))
                .createDepositSession(new CreateDepositSessionService(db.widgets(), db.depositSessions(), db.outbox(),
                        db.idempotencyRecords(), schemas, db.unitOfWork(), clock, secrets, settings.sessionTtl()))
                .getDepositSession(new GetDepositSessionService(db.depositSessions(), db.outbox(), db.unitOfWork(),
                        clock, secrets))
                .cancelDepositSession(new CancelDepositSessionService(db.depositSessions(), db.outbox(),
                        db.unitOfWork(), clock, secrets))
                .listDepositSessions(new ListDepositSessionsService(db.widgets(), db.depositSessions()))
                .recordObservation(recordObservation(db, clock))
                .listEvents(new ListEventsService(db.eventFeed()))
                .build();

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().name("sluice-scheduler-", 0).daemon().factory());
        ExpireDueSessions expiry = new ExpireDueSessionsService(db.depositSessions(), db.outbox(), db.unitOfWork(), clock);
        every(scheduler, settings.expirySweepInterval(), "expiry sweep", () -> sweep(expiry));
        every(scheduler, FEED_POSITION_INTERVAL, "feed positions", db::assignFeedPositions);

        List<AutoCloseable> streams = new ArrayList<>();
        settings.kafkaBootstrapServers().ifPresent(servers -> {
            OutboxRelay relay = new OutboxRelay(db.outbox(), RelaySettings.defaults(servers)
                    .withTopic(settings.eventsTopic()), clock);
            relay.start(scheduler);
            streams.add(relay);
            ObservationConsumer consumer = new ObservationConsumer(recordObservation(db, clock),
                    ObservationSettings.defaults(servers).withTopic(settings.observationsTopic()));
            consumer.start(scheduler);
            streams.add(consumer);
        });

        WebServer server = WebServer.builder()
                .port(settings.port())
                .shutdownHook(false)
                .routing(api::register)
                .addFeature(ObserveFeature.just(
                        HealthObserver.builder()
                                .details(true)
                                .addCheck(() -> databaseHealth(db), HealthCheckType.READINESS, "database")
                                .build(),
                        MetricsObserver.create()))
                .build()
                .start();
        return new Sluice(db, scheduler, streams, server);
    }

    private static RecordObservationService recordObservation(PersistenceModule db, Clock clock) {
        return new RecordObservationService(db.depositSessions(), db.observations(), db.outbox(), db.unitOfWork(), clock);
    }

    /** Sweeps until no due session is left, so a backlog clears in one pass. */
    private static void sweep(ExpireDueSessions expiry) {
        while (expiry.expireDue(EXPIRY_BATCH) == EXPIRY_BATCH) {
            Thread.onSpinWait();
        }
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
    private static void every(ScheduledExecutorService scheduler, Duration interval, String name, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " failed: " + e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    int port() {
        return server.port();
    }

    /**
     * Stops taking requests and lets in-flight ones finish, then drains the relay and consumer,
     * then stops the schedules, and closes the database last because everything above uses it.
     */
    @Override
    public void close() {
        server.stop();
        for (AutoCloseable stream : streams) {
            try {
                stream.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + stream.getClass().getSimpleName() + " failed: " + e);
            }
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        persistence.close();
    }

    String url() {
        return "http://localhost:" + port();
    }
}
