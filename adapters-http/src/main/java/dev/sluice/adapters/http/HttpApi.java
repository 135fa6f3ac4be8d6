package dev.sluice.adapters.http;

import dev.sluice.application.port.in.CancelDepositSession;
import dev.sluice.application.port.in.CreateDepositSession;
import dev.sluice.application.port.in.CreateWebhookEndpoint;
import dev.sluice.application.port.in.CreateWidget;
import dev.sluice.application.port.in.DeleteWebhookEndpoint;
import dev.sluice.application.port.in.DeleteWidget;
import dev.sluice.application.port.in.GetDepositSession;
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
import dev.sluice.application.port.in.UpdateWebhookEndpoint;
import dev.sluice.application.port.in.UpdateWidget;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

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
 * routes); the routes of every use case given to the builder, and {@code GET /openapi}.
 * A use case not given is not served, so a partly wired API answers 404 for the rest.
 *
 * <p>This layer authenticates, parses, calls the use case and renders; every decision
 * (tenancy, rules, lifecycle) is the use case's.
 */
public final class HttpApi {
    private final Builder b;
    private final Endpoints endpoints = new Endpoints();
    private final Authentication authentication;
    private final Problems problems;

    private HttpApi(Builder builder) {
        this.b = builder;
        Objects.requireNonNull(builder.jwt, "jwt settings");
        JwkSetSource keys = new JwkSetSource(builder.jwt.jwks(), builder.clock);
        this.authentication = new Authentication(new BearerTokens(builder.jwt, keys, builder.clock),
                new RateLimiter(builder.rateLimitPerMinute, builder.clock));
        this.problems = new Problems(endpoints, builder.requestObserver);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(new RequestLog(b.requestObserver));
        routing.addFilter(new Cors());
        problems.register(routing);
        // the literal deposit-sessions segment goes first so that it is never taken for a widget id
        routing.register(
                new DepositSessionsService(endpoints, authentication, b.getDepositSession, b.cancelDepositSession),
                new WidgetPublicService(endpoints, authentication, b.getWidgetConfig, b.createDepositSession,
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

        public HttpApi build() {
            return new HttpApi(this);
        }
    }
}
