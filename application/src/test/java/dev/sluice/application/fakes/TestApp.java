package dev.sluice.application.fakes;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CancelDepositSession;
import dev.sluice.application.port.in.CreateDepositSession;
import dev.sluice.application.port.in.CreateWidget;
import dev.sluice.application.port.in.DeleteWidget;
import dev.sluice.application.port.in.ExpireDueSessions;
import dev.sluice.application.port.in.GetDepositSession;
import dev.sluice.application.port.in.GetWidget;
import dev.sluice.application.port.in.GetWidgetConfig;
import dev.sluice.application.port.in.ListDepositSessions;
import dev.sluice.application.port.in.ListEvents;
import dev.sluice.application.port.in.ListWidgets;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.application.port.in.SimulatePayment;
import dev.sluice.application.port.in.RotateWidgetSecret;
import dev.sluice.application.port.in.UpdateWidget;
import dev.sluice.application.port.out.UnitOfWork;
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
import dev.sluice.application.service.SimulatePaymentService;
import dev.sluice.application.service.RotateWidgetSecretService;
import dev.sluice.application.service.UpdateWidgetService;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.session.SessionSecrets;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every use case wired to in-memory stores and a fixed clock, as bootstrap wires them to real adapters. */
public final class TestApp {
    public static final Instant START = Instant.parse("2026-06-09T12:00:00.000Z");
    public static final Duration TTL = Duration.ofMinutes(30);
    public static final BusinessId BUSINESS = new BusinessId("biz_shop");
    public static final BusinessId OTHER_BUSINESS = new BusinessId("biz_other");
    public static final Caller.BusinessUser OWNER = new Caller.BusinessUser("user_1", Set.of(BUSINESS), Set.of());
    public static final Caller.BusinessUser STRANGER =
            new Caller.BusinessUser("user_2", Set.of(OTHER_BUSINESS), Set.of());
    public static final Caller.BusinessUser PROCESSOR =
            new Caller.BusinessUser("watcher", Set.of(), Set.of("deposits:observe"));
    public static final Caller.Internal CONSUMER = new Caller.Internal("kafka");

    public final TestClock clock = new TestClock(START);
    public final InMemoryPorts ports = InMemoryPorts.strict(clock);
    public final UnitOfWork unitOfWork = ports.unitOfWork();
    public final InMemoryWidgets widgets = ports.widgets();
    public final InMemoryDepositSessions sessions = ports.depositSessions();
    public final InMemoryObservations observations = ports.observations();
    public final InMemoryOutbox outbox = ports.outbox();
    public final InMemoryIdempotencyRecords idempotency = ports.idempotencyRecords();
    public final InMemoryNewSessions newSessions = ports.newSessions();
    public final FakeMetadataSchemas schemas = new FakeMetadataSchemas();
    public final SessionSecrets secrets = new SessionSecrets("a test key of thirty-two bytes!!".getBytes());

    public final CreateWidget createWidget = new CreateWidgetService(widgets, schemas, unitOfWork, clock);
    public final UpdateWidget updateWidget = new UpdateWidgetService(widgets, schemas, unitOfWork, clock);
    public final DeleteWidget deleteWidget = new DeleteWidgetService(widgets, unitOfWork, clock);
    public final GetWidget getWidget = new GetWidgetService(widgets);
    public final ListWidgets listWidgets = new ListWidgetsService(widgets);
    public final RotateWidgetSecret rotateWidgetSecret = new RotateWidgetSecretService(widgets, unitOfWork, clock);
    public final GetWidgetConfig getWidgetConfig = new GetWidgetConfigService(widgets);
    public final CreateDepositSession createSession = new CreateDepositSessionService(widgets, sessions, newSessions,
            outbox, idempotency, schemas, unitOfWork, clock, secrets);
    public final GetDepositSession getSession = new GetDepositSessionService(widgets, sessions, outbox, unitOfWork, clock,
            secrets);
    public final CancelDepositSession cancelSession = new CancelDepositSessionService(widgets, sessions, outbox, unitOfWork,
            clock, secrets);
    public final ListDepositSessions listSessions = new ListDepositSessionsService(widgets, sessions);
    public final RecordObservation recordObservation = new RecordObservationService(sessions, observations, outbox,
            unitOfWork, clock);
    public final ExpireDueSessions expireDueSessions = new ExpireDueSessionsService(sessions, outbox, unitOfWork,
            clock);
    public final ListEvents listEvents = new ListEventsService(outbox);
    public final SimulatePayment simulatePayment = new SimulatePaymentService(widgets, sessions, observations, outbox,
            unitOfWork, clock, secrets);

    /** A minimal valid widget request: name and mode, everything else absent. */
    public static WidgetDraft widgetDraft(String name) {
        return WidgetDraft.builder().set(WidgetField.NAME, name).set(WidgetField.MODE, "CUSTOMER_AMOUNT").build();
    }

    public static SessionDraft sessionDraft(String amount) {
        return new SessionDraft(amount, "USDC", "polygon", "0x2791", "0xMerchant", null, "order_1", null);
    }

    public Widget.Issued newWidget() {
        return createWidget.create(OWNER, BUSINESS.value(), widgetDraft("Shop"), List.of());
    }

    public CreateDepositSession.CreatedSession newSession(Widget.Issued widget, String amount) {
        return createSession.create(new CreateDepositSession.Command(new Caller.SecretHolder(widget.clientSecret()),
                widget.widget().id().value(), Optional.empty(), sessionDraft(amount), List.of(), Optional.empty()));
    }
}
