package dev.sluice.adapters.http;

import dev.sluice.adapters.http.schema.JsonSchemaMetadataSchemas;
import dev.sluice.application.fakes.InMemoryPorts;
import dev.sluice.application.fakes.InMemoryWebhooks;
import dev.sluice.application.fakes.TestClock;
import dev.sluice.application.service.CancelDepositSessionService;
import dev.sluice.application.service.CreateDepositSessionService;
import dev.sluice.application.service.CreateWidgetService;
import dev.sluice.application.service.DeleteWidgetService;
import dev.sluice.application.service.FollowSessionChangesService;
import dev.sluice.application.service.GetPaymentPageService;
import dev.sluice.application.service.GetDepositSessionService;
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
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetRules;
import dev.sluice.domain.widget.WidgetSettings;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP API over the REAL application services and in-memory ports: what the tests call is
 * what production runs, down to the port.
 */
final class TestApp {
    /** The session lifetime of the widgets made here: the default sessionTtl. */
    static final Duration SESSION_TTL = Duration.ofMinutes(30);
    /** Where the tests' browsers would reach Sluice: the hosted page's origin. */
    static final String PUBLIC_URL = "https://pay.sluice.test";
    /** Short, so that a stream whose reader left frees its place within a test's patience. */
    static final Duration HEARTBEAT = Duration.ofMillis(500);

    final TestClock clock = TestClock.startingNow();
    final InMemoryPorts ports = InMemoryPorts.lenient(clock);
    final InMemoryWebhooks webhooks = new InMemoryWebhooks();
    /** This module's own schema adapter, so that HTTP tests see what merchants see. */
    final JsonSchemaMetadataSchemas schemas = new JsonSchemaMetadataSchemas();
    final TestTokens tokens = TestTokens.create(clock);
    final SessionSecrets secrets = new SessionSecrets(randomKey());
    final HttpApi api;

    TestApp(int rateLimitPerMinute) {
        this(rateLimitPerMinute, 10_000, null, Duration.ofHours(1));
    }

    TestApp(int rateLimitPerMinute, int maxStreams, Limit admission, Duration streamLifetime) {
        this.api = apiBuilder()
                .rateLimitPerMinute(rateLimitPerMinute)
                .maxStreams(maxStreams)
                .admission(admission)
                .heartbeat(HEARTBEAT)
                .streamLifetime(streamLifetime)
                .build();
    }

    TestApp() {
        this(0);
    }

    /** Every use case wired to these ports and this clock; a test may replace some before building. */
    HttpApi.Builder apiBuilder() {
        WebhookEndpointsService webhookEndpoints = new WebhookEndpointsService(webhooks, webhooks, webhooks, clock);
        WebhookDeliveriesService webhookDeliveries = new WebhookDeliveriesService(webhooks, clock);
        return HttpApi.builder()
                .jwt(tokens.settings())
                .clock(clock)
                .publicUrl(() -> URI.create(PUBLIC_URL))
                .getPaymentPage(new GetPaymentPageService(ports.widgets()))
                .followSessionChanges(new FollowSessionChangesService(ports.eventFeed()))
                .createWidget(new CreateWidgetService(ports.widgets(), schemas, ports.unitOfWork(), clock))
                .listWidgets(new ListWidgetsService(ports.widgets()))
                .getWidget(new GetWidgetService(ports.widgets()))
                .updateWidget(new UpdateWidgetService(ports.widgets(), schemas, ports.unitOfWork(), clock))
                .deleteWidget(new DeleteWidgetService(ports.widgets(), ports.unitOfWork(), clock))
                .rotateWidgetSecret(new RotateWidgetSecretService(ports.widgets(), ports.unitOfWork(), clock))
                .getWidgetConfig(new GetWidgetConfigService(ports.widgets()))
                .createDepositSession(new CreateDepositSessionService(ports.widgets(), ports.depositSessions(),
                        ports.newSessions(), ports.outbox(), ports.idempotencyRecords(), schemas, ports.unitOfWork(),
                        clock, secrets))
                .getDepositSession(new GetDepositSessionService(ports.widgets(), ports.depositSessions(),
                        ports.outbox(), ports.unitOfWork(), clock, secrets))
                .cancelDepositSession(new CancelDepositSessionService(ports.widgets(), ports.depositSessions(),
                        ports.outbox(), ports.unitOfWork(), clock, secrets))
                .listDepositSessions(new ListDepositSessionsService(ports.widgets(), ports.depositSessions()))
                .recordObservation(new RecordObservationService(ports.depositSessions(), ports.observations(),
                        ports.outbox(), ports.unitOfWork(), clock))
                .listEvents(new ListEventsService(ports.eventFeed()))
                .simulatePayment(new SimulatePaymentService(ports.widgets(), ports.depositSessions(),
                        ports.observations(), ports.outbox(), ports.unitOfWork(), clock, secrets))
                .createWebhookEndpoint(webhookEndpoints)
                .listWebhookEndpoints(webhookEndpoints)
                .getWebhookEndpoint(webhookEndpoints)
                .updateWebhookEndpoint(webhookEndpoints)
                .deleteWebhookEndpoint(webhookEndpoints)
                .rotateWebhookSecret(webhookEndpoints)
                .sendTestWebhook(webhookEndpoints)
                .listWebhookDeliveries(webhookDeliveries)
                .getWebhookDelivery(webhookDeliveries)
                .redeliverWebhook(webhookDeliveries);
    }

    void register(HttpRouting.Builder routing) {
        api.register(routing);
    }

    /** A stored, enabled CUSTOMER_AMOUNT widget (10–1000, any network/currency/origin). */
    Widget.Issued widget(String business) {
        return widget(business, List.of());
    }

    Widget.Issued widget(String business, List<String> allowedDomains) {
        return widget(business, draft -> draft.set(WidgetField.ALLOWED_DOMAINS, allowedDomains));
    }

    /** Such a widget, with what {@code change} sets on top. */
    Widget.Issued widget(String business, Consumer<WidgetDraft.Builder> change) {
        WidgetDraft.Builder draft = WidgetDraft.builder()
                .set(WidgetField.NAME, "Shop")
                .set(WidgetField.MODE, "CUSTOMER_AMOUNT")
                .set(WidgetField.MIN_AMOUNT, "10")
                .set(WidgetField.MAX_AMOUNT, "1000");
        change.accept(draft);
        WidgetSettings settings = WidgetRules.create(draft.build(), List.of());
        Widget.Issued issued = Widget.create(new BusinessId(business), settings, clock.now());
        ports.widgets().add(issued.widget());
        return issued;
    }

    void disable(Widget widget) {
        ports.widgets().update(widget.reconfigure(widget.settings(), false, clock.now()));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
