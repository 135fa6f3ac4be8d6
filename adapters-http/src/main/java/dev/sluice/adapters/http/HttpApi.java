package dev.sluice.adapters.http;

import dev.sluice.application.port.in.CancelDepositSession;
import dev.sluice.application.port.in.CreateDepositSession;
import dev.sluice.application.port.in.CreateWebhookEndpoint;
import dev.sluice.application.port.in.CreateWidget;
import dev.sluice.application.port.in.DeleteWebhookEndpoint;
import dev.sluice.application.port.in.DeleteWidget;
import dev.sluice.application.port.in.FollowSessionChanges;
import dev.sluice.application.port.in.GetDepositSession;
import dev.sluice.application.port.in.GetPaymentPage;
import dev.sluice.application.port.in.GetWebhookDelivery;
import dev.sluice.application.port.in.GetWebhookEndpoint;
import dev.sluice.application.port.in.GetWidget;
import dev.sluice.application.port.in.GetWidgetConfig;
import dev.sluice.application.port.in.ListDepositSessions;
import dev.sluice.application.port.in.ListEvents;
import dev.sluice.application.port.in.ListWebhookDeliveries;
import dev.sluice.application.port.in.ListWebhookEndpoints;
import dev.sluice.application.port.in.ListWidgets;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.application.port.in.RedeliverWebhook;
import dev.sluice.application.port.in.RotateWebhookSecret;
import dev.sluice.application.port.in.RotateWidgetSecret;
import dev.sluice.application.port.in.SendTestWebhook;
import dev.sluice.application.port.in.SimulatePayment;
import dev.sluice.application.port.in.UpdateWebhookEndpoint;
import dev.sluice.application.port.in.UpdateWidget;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Sluice's HTTP API (api.md) for a Helidon SE WebServer. Usage:
 *
 * <pre>{@code
 * HttpApi api = HttpApi.builder()
 *         .jwt(JwtSettings.of("/data/jwks.json", "sluice-dev", "sluice"))
 *         .rateLimitPerMinute(60)                       // SLUICE_RATE_LIMIT; 0 = off
 *         .createDepositSession(createDepositSessionService)
 *         .getDepositSession(...)                       // ... one setter per use case of port.in
 *         .build();                                     // reads the JWK set now: a bad one fails here
 * HttpRouting.Builder routing = HttpRouting.builder();
 * api.register(routing);                                // filters, error handlers, every route
 * WebServer.builder().routing(routing).addFeature(observe)...
 * }</pre>
 *
 * <p>{@link #register} adds: a filter giving every response an {@code X-Request-Id}, writing
 * one log line per request (id, method, route template, status, latency) and telling the
 * {@link RequestObserver}; CORS for the browser-facing {@code /api/v1/widgets/…} paths; the
 * problem-details error handlers for the whole routing (including JSON 404/405 for unknown
 * routes); the routes of every use case, and {@code GET /openapi}. {@link Builder#build} fails
 * naming the use cases not given, so an operation of api.md is never silently a 404.
 *
 * <p>This layer authenticates, parses, calls the use case and renders; every decision
 * (tenancy, rules, lifecycle) is the use case's.
 */
public final class HttpApi implements AutoCloseable {
    private final Builder b;
    private final Endpoints endpoints = new Endpoints();
    private final Authentication authentication;
    private final Problems problems;
    private final Origins origins;
    private final StatusStreams streams;

    private HttpApi(Builder builder) {
        this.b = builder;
        Objects.requireNonNull(builder.jwt, "jwt settings");
        JwkSetSource keys = new JwkSetSource(builder.jwt.jwks(), builder.clock);
        this.authentication = new Authentication(new BearerTokens(builder.jwt, keys, builder.clock),
                new RateLimiter(builder.rateLimitPerMinute, builder.clock));
        this.problems = new Problems(endpoints, builder.requestObserver);
        this.origins = new Origins(builder.publicUrl);
        this.streams = builder.followSessionChanges == null || builder.getDepositSession == null
                ? null : new StatusStreams(builder.followSessionChanges, builder.maxStreams);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(new RequestLog(b.requestObserver));
        routing.addFilter(new Cors());
        if (b.admission != null) {
            routing.addFilter(new Admission(b.admission));
        }
        problems.register(routing);
        if (streams != null) {
            routing.register(new StatusStreamService(endpoints, authentication, origins, b.getDepositSession, streams,
                    b.heartbeat, b.streamLifetime));
        }
        // the literal deposit-sessions segment goes first so that it is never taken for a widget id
        routing.register(
                new DepositSessionsService(endpoints, authentication, origins, b.getDepositSession,
                        b.cancelDepositSession, b.simulatePayment),
                new WidgetPublicService(endpoints, authentication, origins, b.getWidgetConfig, b.createDepositSession,
                        b.listDepositSessions),
                new WidgetsService(endpoints, authentication, new WidgetsService.UseCases(b.createWidget,
                        b.listWidgets, b.getWidget, b.updateWidget, b.deleteWidget, b.rotateWidgetSecret)),
                new ObservationsService(endpoints, authentication, b.recordObservation),
                new EventsService(endpoints, authentication, b.listEvents),
                new WebhooksService(endpoints, authentication, new WebhooksService.UseCases(b.createWebhookEndpoint,
                        b.listWebhookEndpoints, b.getWebhookEndpoint, b.updateWebhookEndpoint, b.deleteWebhookEndpoint,
                        b.rotateWebhookSecret, b.sendTestWebhook, b.listWebhookDeliveries, b.getWebhookDelivery,
                        b.redeliverWebhook)),
                new OpenApiService(endpoints));
        if (b.getPaymentPage != null) {
            routing.register(new PaymentPageService(endpoints, b.getPaymentPage, origins, b.demoPage));
        }
    }

    /** Status streams open on this instance right now. */
    public int openStatusStreams() {
        return streams == null ? 0 : streams.openStreams();
    }

    /** Queries the status-stream watcher has sent to the database since start. */
    public long statusWatcherQueries() {
        return streams == null ? 0 : streams.watcherQueries();
    }

    /**
     * Ends the open status streams and refuses new ones. Call it before stopping the server, which
     * otherwise waits for streams that would run for up to an hour.
     */
    @Override
    public void close() {
        if (streams != null) {
            streams.close();
        }
    }

    /**
     * For the web server ({@code WebServer.builder().directHandlers(api.directHandlers())}): what it
     * refuses before routing (oversized headers or URI, a malformed header) answers as a problem
     * document with a request id and one log line, like every other response.
     */
    public DirectHandlers directHandlers() {
        return problems.directHandlers();
    }

    /** The routes registered so far, for tests that hold them against the OpenAPI document. */
    List<Endpoints.Endpoint> endpoints() {
        return endpoints.all();
    }

    public static final class Builder {
        private JwtSettings jwt;
        private int rateLimitPerMinute = 60;
        private Clock clock = Clock.systemUTC();
        private RequestObserver requestObserver = (method, route, status, latency) -> {
        };
        private Supplier<URI> publicUrl = () -> URI.create("http://localhost:8080");
        private int maxStreams = 10_000;
        private Duration heartbeat = StatusStreamService.HEARTBEAT;
        private Duration streamLifetime = StatusStreamService.LIFETIME;
        private Limit admission;
        private boolean demoPage;
        private GetPaymentPage getPaymentPage;
        private FollowSessionChanges followSessionChanges;
        private CreateWidget createWidget;
        private ListWidgets listWidgets;
        private GetWidget getWidget;
        private UpdateWidget updateWidget;
        private DeleteWidget deleteWidget;
        private RotateWidgetSecret rotateWidgetSecret;
        private GetWidgetConfig getWidgetConfig;
        private CreateDepositSession createDepositSession;
        private GetDepositSession getDepositSession;
        private CancelDepositSession cancelDepositSession;
        private ListDepositSessions listDepositSessions;
        private RecordObservation recordObservation;
        private ListEvents listEvents;
        private CreateWebhookEndpoint createWebhookEndpoint;
        private ListWebhookEndpoints listWebhookEndpoints;
        private GetWebhookEndpoint getWebhookEndpoint;
        private UpdateWebhookEndpoint updateWebhookEndpoint;
        private DeleteWebhookEndpoint deleteWebhookEndpoint;
        private RotateWebhookSecret rotateWebhookSecret;
        private SendTestWebhook sendTestWebhook;
        private ListWebhookDeliveries listWebhookDeliveries;
        private GetWebhookDelivery getWebhookDelivery;
        private RedeliverWebhook redeliverWebhook;
        private SimulatePayment simulatePayment;

        private Builder() {
        }

        public Builder jwt(JwtSettings settings) {
            this.jwt = settings;
            return this;
        }

        /** Calls per minute per widget (or session) and client address for secret holders; 0 = no limit. */
        public Builder rateLimitPerMinute(int perMinute) {
            this.rateLimitPerMinute = perMinute;
            return this;
        }

        /** The clock for token times, JWK refreshes and rate limits (tests move it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Told about every request served, after its log line (metrics); by default nobody. */
        public Builder requestObserver(RequestObserver observer) {
            this.requestObserver = Objects.requireNonNull(observer);
            return this;
        }

        /**
         * Where browsers reach Sluice (SLUICE_PUBLIC_URL): the hosted page's origin, what widget.js
         * opens. Asked once, at the first request that needs it.
         */
        public Builder publicUrl(Supplier<URI> url) {
            this.publicUrl = Objects.requireNonNull(url);
            return this;
        }

        /** Status streams this instance keeps open at most (SLUICE_MAX_STREAMS); beyond, 503. */
        public Builder maxStreams(int max) {
            this.maxStreams = max;
            return this;
        }

        /** Tests shorten the 15 s heartbeat, after which a stream whose reader left is noticed. */
        Builder heartbeat(Duration interval) {
            this.heartbeat = interval;
            return this;
        }

        /** Tests shorten the hour after which a status stream ends. */
        Builder streamLifetime(Duration lifetime) {
            this.streamLifetime = lifetime;
            return this;
        }

        /** Requests served at once, queued beyond; status streams are counted by {@link #maxStreams} instead. */
        public Builder admission(Limit limit) {
            this.admission = limit;
            return this;
        }

        /** Serves the demo merchant page {@code /demo} (the embedded default only). */
        public Builder demoPage(boolean serve) {
            this.demoPage = serve;
            return this;
        }

        /** The hosted payment page and {@code /widget.js}. */
        public Builder getPaymentPage(GetPaymentPage useCase) {
            this.getPaymentPage = useCase;
            return this;
        }

        /** The watcher of status streams; with {@link #getDepositSession} it serves the status stream. */
        public Builder followSessionChanges(FollowSessionChanges useCase) {
            this.followSessionChanges = useCase;
            return this;
        }

        public Builder createWidget(CreateWidget useCase) {
            this.createWidget = useCase;
            return this;
        }

        public Builder listWidgets(ListWidgets useCase) {
            this.listWidgets = useCase;
            return this;
        }

        public Builder getWidget(GetWidget useCase) {
            this.getWidget = useCase;
            return this;
        }

        public Builder updateWidget(UpdateWidget useCase) {
            this.updateWidget = useCase;
            return this;
        }

        public Builder deleteWidget(DeleteWidget useCase) {
            this.deleteWidget = useCase;
            return this;
        }

        public Builder rotateWidgetSecret(RotateWidgetSecret useCase) {
            this.rotateWidgetSecret = useCase;
            return this;
        }

        public Builder getWidgetConfig(GetWidgetConfig useCase) {
            this.getWidgetConfig = useCase;
            return this;
        }

        public Builder createDepositSession(CreateDepositSession useCase) {
            this.createDepositSession = useCase;
            return this;
        }

        public Builder getDepositSession(GetDepositSession useCase) {
            this.getDepositSession = useCase;
            return this;
        }

        public Builder cancelDepositSession(CancelDepositSession useCase) {
            this.cancelDepositSession = useCase;
            return this;
        }

        public Builder listDepositSessions(ListDepositSessions useCase) {
            this.listDepositSessions = useCase;
            return this;
        }

        public Builder recordObservation(RecordObservation useCase) {
            this.recordObservation = useCase;
            return this;
        }

        public Builder listEvents(ListEvents useCase) {
            this.listEvents = useCase;
            return this;
        }

        public Builder createWebhookEndpoint(CreateWebhookEndpoint useCase) {
            this.createWebhookEndpoint = useCase;
            return this;
        }

        public Builder listWebhookEndpoints(ListWebhookEndpoints useCase) {
            this.listWebhookEndpoints = useCase;
            return this;
        }

        public Builder getWebhookEndpoint(GetWebhookEndpoint useCase) {
            this.getWebhookEndpoint = useCase;
            return this;
        }

        public Builder updateWebhookEndpoint(UpdateWebhookEndpoint useCase) {
            this.updateWebhookEndpoint = useCase;
            return this;
        }

        public Builder deleteWebhookEndpoint(DeleteWebhookEndpoint useCase) {
            this.deleteWebhookEndpoint = useCase;
            return this;
        }

        public Builder rotateWebhookSecret(RotateWebhookSecret useCase) {
            this.rotateWebhookSecret = useCase;
            return this;
        }

        public Builder sendTestWebhook(SendTestWebhook useCase) {
            this.sendTestWebhook = useCase;
            return this;
        }

        public Builder listWebhookDeliveries(ListWebhookDeliveries useCase) {
            this.listWebhookDeliveries = useCase;
            return this;
        }

        public Builder getWebhookDelivery(GetWebhookDelivery useCase) {
            this.getWebhookDelivery = useCase;
            return this;
        }

        public Builder redeliverWebhook(RedeliverWebhook useCase) {
            this.redeliverWebhook = useCase;
            return this;
        }

        public Builder simulatePayment(SimulatePayment useCase) {
            this.simulatePayment = useCase;
            return this;
        }

        /** Throws {@link IllegalStateException} naming every use case that was not given. */
        public HttpApi build() {
            Map<String, Object> useCases = new LinkedHashMap<>();
            useCases.put("createWidget", createWidget);
            useCases.put("listWidgets", listWidgets);
            useCases.put("getWidget", getWidget);
            useCases.put("updateWidget", updateWidget);
            useCases.put("deleteWidget", deleteWidget);
            useCases.put("rotateWidgetSecret", rotateWidgetSecret);
            useCases.put("getWidgetConfig", getWidgetConfig);
            useCases.put("createDepositSession", createDepositSession);
            useCases.put("getDepositSession", getDepositSession);
            useCases.put("cancelDepositSession", cancelDepositSession);
            useCases.put("listDepositSessions", listDepositSessions);
            useCases.put("recordObservation", recordObservation);
            useCases.put("listEvents", listEvents);
            useCases.put("simulatePayment", simulatePayment);
            useCases.put("createWebhookEndpoint", createWebhookEndpoint);
            useCases.put("listWebhookEndpoints", listWebhookEndpoints);
            useCases.put("getWebhookEndpoint", getWebhookEndpoint);
            useCases.put("updateWebhookEndpoint", updateWebhookEndpoint);
            useCases.put("deleteWebhookEndpoint", deleteWebhookEndpoint);
            useCases.put("rotateWebhookSecret", rotateWebhookSecret);
            useCases.put("sendTestWebhook", sendTestWebhook);
            useCases.put("listWebhookDeliveries", listWebhookDeliveries);
            useCases.put("getWebhookDelivery", getWebhookDelivery);
            useCases.put("redeliverWebhook", redeliverWebhook);
            List<String> missing = useCases.entrySet().stream().filter(e -> e.getValue() == null)
                    .map(Map.Entry::getKey).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("use cases not given: " + String.join(", ", missing));
            }
            return new HttpApi(this);
        }
    }
}
