package dev.sluice.application.service;

import static dev.sluice.application.fakes.TestApp.BUSINESS;
import static dev.sluice.application.fakes.TestApp.OWNER;
import static dev.sluice.application.fakes.TestApp.STRANGER;
import static dev.sluice.application.fakes.TestApp.sessionDraft;
import static dev.sluice.application.service.WidgetServicesTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.TestApp;
import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateDepositSession.Command;
import dev.sluice.application.port.in.CreateDepositSession.CreatedSession;
import dev.sluice.application.port.in.CreateDepositSession;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetPatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CreateDepositSessionServiceTest {
    private final TestApp app = new TestApp();
    private final Widget.Issued widget = app.newWidget();
    private final Caller secret = new Caller.SecretHolder(widget.clientSecret());
    private final String widgetId = widget.widget().id().value();

    private Command command(Caller caller, SessionDraft draft, Optional<String> key) {
        return new Command(caller, widgetId, Optional.empty(), draft, List.of(), key);
    }

    @Test
    void a_session_is_created_with_its_event_and_a_secret_that_opens_it() {
        CreatedSession created = app.createSession.create(command(secret, sessionDraft("100.50"), Optional.empty()));
        assertEquals(PaymentStatus.CREATED, created.session().status());
        assertEquals("100.50", created.session().terms().amount().text());
        assertEquals(TestApp.START.plus(Duration.ofMinutes(30)), created.session().expiresAt());
        assertFalse(created.replayed());
        assertTrue(created.clientSecret().startsWith("dep_secret_"));
        assertEquals(created.session().id(), app.sessions.findById(created.session().id()).orElseThrow().id());
        List<SessionEvent> events = app.outbox.all();
        assertEquals(List.of("deposit.created"), events.stream().map(SessionEvent::type).toList());
        assertEquals(1, events.getFirst().sequence());
        String sessionId = created.session().id().value();
        assertEquals(sessionId, app.getSession.get(new Caller.SecretHolder(created.clientSecret()), sessionId, Optional.empty())
                .session().id().value());
    }

    @Test
    void the_checks_run_in_the_contract_order() {
        Command unknown = new Command(secret, "wdgt_" + "0".repeat(32), Optional.empty(), sessionDraft("x"),
                List.of(), Optional.empty());
        assertCode(ErrorCode.NOT_FOUND, () -> app.createSession.create(unknown));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.createSession.create(
                command(new Caller.SecretHolder("wdgt_secret_wrong"), sessionDraft("x"), Optional.empty())));
        assertCode(ErrorCode.NOT_FOUND, () -> app.createSession.create(command(STRANGER, sessionDraft("x"),
                Optional.empty())));

        app.updateWidget.update(OWNER, BUSINESS.value(), widgetId, new WidgetPatch(WidgetDraft.builder()
                .set(WidgetField.ALLOWED_DOMAINS, List.of("shop.example.com"))
                .build(), Set.of("allowedDomains"), null), List.of());
        Command foreign = new Command(secret, widgetId, Optional.of("evil.test"), sessionDraft("x"), List.of(),
                Optional.empty());
        assertCode(ErrorCode.DOMAIN_NOT_ALLOWED, () -> app.createSession.create(foreign));
        Command home = new Command(secret, widgetId, Optional.of("shop.example.com"), sessionDraft("x"), List.of(),
                Optional.empty());
        assertCode(ErrorCode.VALIDATION_FAILED, () -> app.createSession.create(home));

        app.updateWidget.update(OWNER, BUSINESS.value(), widgetId,
                new WidgetPatch(TestApp.widgetDraft(null), Set.of(), false), List.of());
        assertCode(ErrorCode.WIDGET_DISABLED, () -> app.createSession.create(foreign));
        assertEquals(List.of(), app.outbox.all());
    }

    @Test
    void a_widget_disabled_since_this_instance_read_it_refuses_the_session_and_nothing_is_stored() {
        CreateDepositSession remembering = serviceRemembering(app.widgets.findById(widget.widget().id()).orElseThrow());
        app.updateWidget.update(OWNER, BUSINESS.value(), widgetId,
                new WidgetPatch(TestApp.widgetDraft(null), Set.of(), false), List.of());

        assertCode(ErrorCode.WIDGET_DISABLED, () -> remembering.create(command(secret, sessionDraft("5"),
                Optional.empty())));
        assertEquals(List.of(), app.outbox.all());
    }

    @Test
    void a_widget_changed_harmlessly_since_this_instance_read_it_still_gets_its_session_once() {
        CreateDepositSession remembering = serviceRemembering(app.widgets.findById(widget.widget().id()).orElseThrow());
        app.updateWidget.update(OWNER, BUSINESS.value(), widgetId, new WidgetPatch(TestApp.widgetDraft("Renamed"),
                Set.of("name"), null), List.of());

        CreatedSession created = remembering.create(command(secret, sessionDraft("5"), Optional.empty()));

        assertTrue(app.sessions.findById(created.session().id()).isPresent());
        assertEquals(List.of(created.session().id()), app.outbox.all().stream().map(e -> e.session().id()).toList());
    }

    /** The service with widgets that answer {@code remembered} as the copy read last, as a busy instance would. */
    private CreateDepositSession serviceRemembering(Widget remembered) {
        Widgets widgets = new Widgets() {
            @Override
            public Optional<Widget> findById(WidgetId id) {
                return app.widgets.findById(id);
            }

            @Override
            public Optional<Widget> findRemembered(WidgetId id) {
                return Optional.of(remembered).filter(w -> w.id().equals(id));
            }

            @Override
            public void add(Widget widget) {
                app.widgets.add(widget);
            }

            @Override
            public void update(Widget widget) {
                app.widgets.update(widget);
            }

            @Override
            public List<Widget> listLive(BusinessId business) {
                return app.widgets.listLive(business);
            }

            @Override
            public int countLiveForUpdate(BusinessId business) {
                return app.widgets.countLiveForUpdate(business);
            }
        };
        return new CreateDepositSessionService(widgets, app.sessions, app.newSessions, app.outbox, app.idempotency,
                app.schemas, app.unitOfWork, app.clock, app.secrets);
    }

    @Test
    void the_owning_business_may_create_a_session_with_its_jwt() {
        assertEquals(PaymentStatus.CREATED,
                app.createSession.create(command(OWNER, sessionDraft("5"), Optional.empty())).session().status());
    }

    @Test
    void schema_mismatches_are_reported_with_the_other_violations() {
        app.updateWidget.update(OWNER, BUSINESS.value(), widgetId, new WidgetPatch(WidgetDraft.builder()
                .set(WidgetField.METADATA_SCHEMA, "{\"required\":[\"orderId\"]}")
                .build(), Set.of("metadataSchema"), null), List.of());
        SessionDraft draft = new SessionDraft("0", "USDC", "polygon", "", "0xMerchant", null, null, "{\"x\":1}");
        DomainException e = assertThrows(DomainException.class,
                () -> app.createSession.create(command(secret, draft, Optional.empty())));
        assertEquals(List.of(new Violation("metadata/orderId", "schema_mismatch", "required property missing"),
                new Violation("amount", "not_positive", "must be greater than 0")), e.violations());

        SessionDraft fits = new SessionDraft("1", "USDC", "polygon", "", "0xMerchant", null, null, "{\"orderId\":\"A1\"}");
        assertEquals(PaymentStatus.CREATED,
                app.createSession.create(command(secret, fits, Optional.empty())).session().status());
    }

    @Test
    void oversized_metadata_is_reported_by_size_and_not_validated_against_the_schema() {
        app.updateWidget.update(OWNER, BUSINESS.value(), widgetId, new WidgetPatch(WidgetDraft.builder()
                .set(WidgetField.METADATA_SCHEMA, "{\"required\":[\"orderId\"]}")
                .build(), Set.of("metadataSchema"), null), List.of());
        String huge = "{\"k\":\"" + "x".repeat(2100) + "\"}";
        SessionDraft draft = new SessionDraft("1", "USDC", "polygon", "", "0xMerchant", null, null, huge);
        DomainException e = assertThrows(DomainException.class,
                () -> app.createSession.create(command(secret, draft, Optional.empty())));
        assertEquals(List.of("metadata too_long"), e.violations().stream().map(v -> v.field() + " " + v.code()).toList());
        assertEquals(List.of(), app.schemas.validatedMetadata());
    }

    @Test
    void a_retry_with_the_same_key_and_body_replays_the_first_answer_and_creates_nothing() {
        CreatedSession first = app.createSession.create(command(secret, sessionDraft("10"), Optional.of("key-1")));
        String sessionId = first.session().id().value();
        app.recordObservation.record(TestApp.PROCESSOR, sessionId,
                new ObservationDraft("obs_1", "CONFIRMED", "0xa", "10", 3L, null), List.of());

        CreatedSession replay = app.createSession.create(command(secret, sessionDraft("10"), Optional.of("key-1")));

        assertTrue(replay.replayed());
        assertEquals(first.clientSecret(), replay.clientSecret());
        assertEquals(first.session().id(), replay.session().id());
        assertEquals(PaymentStatus.CREATED, replay.session().status(), "the original answer, not today's state");
        assertEquals(first.session().expiresAt(), replay.session().expiresAt());
        assertEquals(1, app.outbox.all().stream().filter(e -> e.type().equals("deposit.created")).count());
    }

    @Test
    void the_same_key_with_another_body_is_refused() {
        app.createSession.create(command(secret, sessionDraft("10"), Optional.of("key-1")));
        assertCode(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> app.createSession.create(command(secret, sessionDraft("11"), Optional.of("key-1"))));
    }

    @Test
    void keys_are_scoped_to_the_widget() {
        Widget.Issued other = app.newWidget();
        app.createSession.create(command(secret, sessionDraft("10"), Optional.of("key-1")));
        CreatedSession elsewhere = app.createSession.create(new Command(new Caller.SecretHolder(other.clientSecret()),
                other.widget().id().value(), Optional.empty(), sessionDraft("10"), List.of(), Optional.of("key-1")));
        assertFalse(elsewhere.replayed());
    }

    @Test
    void a_retry_while_the_first_request_runs_is_refused_and_a_different_body_is_a_reused_key() {
        IdempotencyRecords.Claim claim = app.idempotency.begin(widget.widget().id(), "key-1",
                RequestFingerprint.of(sessionDraft("10")), TestApp.START);
        assertTrue(claim instanceof IdempotencyRecords.Started);
        assertCode(ErrorCode.REQUEST_IN_PROGRESS,
                () -> app.createSession.create(command(secret, sessionDraft("10"), Optional.of("key-1"))));
        assertCode(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                () -> app.createSession.create(command(secret, sessionDraft("12"), Optional.of("key-1"))));
    }

    @Test
    void a_failed_validation_is_not_remembered() {
        assertCode(ErrorCode.VALIDATION_FAILED,
                () -> app.createSession.create(command(secret, sessionDraft("-1"), Optional.of("key-1"))));
        CreatedSession created = app.createSession.create(command(secret, sessionDraft("1"), Optional.of("key-1")));
        assertFalse(created.replayed());
    }

    @Test
    void a_key_must_be_1_to_255_printable_characters() {
        assertCode(ErrorCode.VALIDATION_FAILED,
                () -> app.createSession.create(command(secret, sessionDraft("1"), Optional.of(""))));
        assertCode(ErrorCode.VALIDATION_FAILED,
                () -> app.createSession.create(command(secret, sessionDraft("1"), Optional.of("k".repeat(256)))));
        assertCode(ErrorCode.VALIDATION_FAILED,
                () -> app.createSession.create(command(secret, sessionDraft("1"), Optional.of("k\u0001"))));
        assertFalse(app.createSession.create(command(secret, sessionDraft("1"), Optional.of("k".repeat(255)))).replayed());
    }
}
