package dev.sluice.adapters.http;

import dev.sluice.application.service.CancelDepositSessionService;
import dev.sluice.application.service.CreateDepositSessionService;
import dev.sluice.application.service.CreateWidgetService;
import dev.sluice.application.service.DeleteWidgetService;
import dev.sluice.application.service.GetDepositSessionService;
import dev.sluice.application.service.GetWidgetConfigService;
import dev.sluice.application.service.GetWidgetService;
import dev.sluice.application.service.ListDepositSessionsService;
import dev.sluice.application.service.ListEventsService;
import dev.sluice.application.service.ListWidgetsService;
import dev.sluice.application.service.RecordObservationService;
import dev.sluice.application.service.RotateWidgetSecretService;
import dev.sluice.application.service.UpdateWidgetService;
import dev.sluice.application.service.WebhookDeliveriesService;
import dev.sluice.application.service.WebhookEndpointsService;
import dev.sluice.domain.session.Amount;
import dev.sluice.domain.session.SessionSecrets;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.RenderMode;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetMode;
import dev.sluice.domain.widget.WidgetSettings;
import io.helidon.webserver.http.HttpRouting;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP API over the REAL application services and in-memory ports: what the tests call is
 * what production runs, down to the port.
 */
final class TestApp {
    static final Duration SESSION_TTL = Duration.ofMinutes(30);

    final TestClock clock = new TestClock();
    final InMemoryPorts ports = new InMemoryPorts();
    final InMemoryWebhooks webhooks = new InMemoryWebhooks();
    final TestTokens tokens = TestTokens.create(clock);
    final SessionSecrets secrets = new SessionSecrets(randomKey());
    final HttpApi api;

    TestApp(int rateLimitPerMinute) {
        WebhookEndpointsService webhookEndpoints = new WebhookEndpointsService(webhooks, webhooks, webhooks, clock);
        WebhookDeliveriesService webhookDeliveries = new WebhookDeliveriesService(webhooks, clock);
        this.api = HttpApi.builder()
                .jwt(tokens.settings())
                .rateLimitPerMinute(rateLimitPerMinute)
                .clock(clock)
                .createWidget(new CreateWidgetService(ports, ports, ports, clock))
                .listWidgets(new ListWidgetsService(ports))
                .getWidget(new GetWidgetService(ports))
                .updateWidget(new UpdateWidgetService(ports, ports, ports, clock))
                .deleteWidget(new DeleteWidgetService(ports, ports, clock))
                .rotateWidgetSecret(new RotateWidgetSecretService(ports, ports, clock))
                .getWidgetConfig(new GetWidgetConfigService(ports))
                .createDepositSession(new CreateDepositSessionService(ports, ports, ports, ports, ports, ports, clock,
                        secrets, SESSION_TTL))
                .getDepositSession(new GetDepositSessionService(ports, ports, ports, ports, clock, secrets))
                .cancelDepositSession(new CancelDepositSessionService(ports, ports, ports, ports, clock, secrets))
                .listDepositSessions(new ListDepositSessionsService(ports, ports))
                .recordObservation(new RecordObservationService(ports, ports, ports, ports, clock))
                .listEvents(new ListEventsService(ports))
                .createWebhookEndpoint(webhookEndpoints)
                .listWebhookEndpoints(webhookEndpoints)
                .getWebhookEndpoint(webhookEndpoints)
                .updateWebhookEndpoint(webhookEndpoints)
                .deleteWebhookEndpoint(webhookEndpoints)
                .rotateWebhookSecret(webhookEndpoints)
                .sendTestWebhook(webhookEndpoints)
                .listWebhookDeliveries(webhookDeliveries)
                .getWebhookDelivery(webhookDeliveries)
                .redeliverWebhook(webhookDeliveries)
                .build();
    }

    TestApp() {
        this(0);
    }

    void register(HttpRouting.Builder routing) {
        api.register(routing);
    }

    /** A stored, enabled CUSTOMER_AMOUNT widget (10–1000, any network/currency/origin). */
    Widget.Issued widget(String business) {
        return widget(business, List.of());
    }

    Widget.Issued widget(String business, List<String> allowedDomains) {
        WidgetSettings settings = new WidgetSettings("Shop", WidgetMode.CUSTOMER_AMOUNT, new Amount("10"),
                new Amount("1000"), List.of(), List.of(), List.of(), allowedDomains, List.of(), null, null, null,
                null, null, null, null, null, RenderMode.IFRAME, null, null);
        Widget.Issued issued = Widget.create(new BusinessId(business), settings, clock.now());
        ports.add(issued.widget());
        return issued;
    }

    void disable(Widget widget) {
        ports.update(widget.reconfigure(widget.settings(), false, clock.now()));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
