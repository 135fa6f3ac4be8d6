package dev.sluice.application.service;

import static dev.sluice.application.fakes.TestApp.BUSINESS;
import static dev.sluice.application.fakes.TestApp.OWNER;
import static dev.sluice.application.fakes.TestApp.STRANGER;
import static dev.sluice.application.service.WidgetServicesTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.TestApp;
import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateDepositSession.CreatedSession;
import dev.sluice.application.port.in.GetDepositSession.SessionView;
import dev.sluice.application.port.in.Page;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.widget.Widget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionServicesTest {
    private final TestApp app = new TestApp();
    private final Widget.Issued widget = app.newWidget();
    private final String widgetId = widget.widget().id().value();

    private CreatedSession newSession() {
        return app.newSession(widget, "100");
    }

    private List<String> eventTypes() {
        return app.outbox.all().stream().map(SessionEvent::type).toList();
    }

    @Test
    void the_session_secret_sees_the_public_view_and_the_owning_business_the_full_view() {
        CreatedSession created = newSession();
        String id = created.session().id().value();
        SessionView publicView = app.getSession.get(new Caller.SecretHolder(created.clientSecret()), id, Optional.empty());
        assertFalse(publicView.fullView());
        assertTrue(app.getSession.get(OWNER, id, Optional.empty()).fullView());
        assertCode(ErrorCode.NOT_FOUND, () -> app.getSession.get(STRANGER, id, Optional.empty()));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.getSession.get(new Caller.SecretHolder(widget.clientSecret()), id, Optional.empty()));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.getSession.get(TestApp.CONSUMER, id, Optional.empty()));
        assertCode(ErrorCode.NOT_FOUND, () -> app.getSession.get(OWNER, "dep_" + "0".repeat(32), Optional.empty()));
        assertCode(ErrorCode.NOT_FOUND, () -> app.getSession.get(OWNER, "nonsense", Optional.empty()));
        SessionView other = app.getSession.get(OWNER, newSession().session().id().value(), Optional.empty());
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.getSession.get(new Caller.SecretHolder(created.clientSecret()),
                other.session().id().value(), Optional.empty()));
    }

    @Test
    void a_session_read_after_its_expiry_is_expired_once_with_its_event() {
        CreatedSession created = newSession();
        String id = created.session().id().value();
        app.clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertEquals(PaymentStatus.CREATED, app.getSession.get(OWNER, id, Optional.empty()).session().status());

        app.clock.advance(Duration.ofSeconds(1));
        assertEquals(PaymentStatus.EXPIRED, app.getSession.get(OWNER, id, Optional.empty()).session().status());
        assertEquals(PaymentStatus.EXPIRED, app.sessions.findById(created.session().id()).orElseThrow().status());
        assertEquals(PaymentStatus.EXPIRED, app.getSession.get(OWNER, id, Optional.empty()).session().status());
        assertEquals(List.of("deposit.created", "deposit.expired"), eventTypes());
        assertEquals(2, app.outbox.all().get(1).sequence());
    }

    @Test
    void a_created_or_pending_session_can_be_cancelled_by_its_secret_or_its_business() {
        CreatedSession created = newSession();
        app.cancelSession.cancel(new Caller.SecretHolder(created.clientSecret()), created.session().id().value(), Optional.empty());
        DepositSession cancelled = app.sessions.findById(created.session().id()).orElseThrow();
        assertEquals(PaymentStatus.EXPIRED, cancelled.status());
        assertTrue(cancelled.cancelled());
        assertEquals(TestApp.START, cancelled.cancelledAt());

        CreatedSession pending = newSession();
        String pendingId = pending.session().id().value();
        app.recordObservation.record(TestApp.PROCESSOR, pendingId,
                new ObservationDraft("obs_1", "DETECTED", "0xa", null, null, null), List.of());
        app.cancelSession.cancel(OWNER, pendingId, Optional.empty());
        assertEquals(PaymentStatus.EXPIRED, app.sessions.findById(pending.session().id()).orElseThrow().status());
        assertEquals(List.of("deposit.created", "deposit.expired", "deposit.created", "deposit.pending",
                "deposit.expired"), eventTypes());
    }

    @Test
    void other_sessions_cannot_be_cancelled() {
        CreatedSession created = newSession();
        String id = created.session().id().value();
        app.recordObservation.record(TestApp.PROCESSOR, id,
                new ObservationDraft("obs_1", "CONFIRMED", "0xa", "100", null, null), List.of());
        assertCode(ErrorCode.CANNOT_CANCEL, () -> app.cancelSession.cancel(OWNER, id, Optional.empty()));
        assertCode(ErrorCode.NOT_FOUND, () -> app.cancelSession.cancel(STRANGER, id, Optional.empty()));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.cancelSession.cancel(new Caller.SecretHolder("dep_secret_x"), id, Optional.empty()));
        assertEquals(PaymentStatus.CONFIRMED, app.sessions.findById(created.session().id()).orElseThrow().status());
    }

    @Test
    void cancelling_a_session_whose_time_is_up_is_refused_but_the_session_expires() {
        CreatedSession created = newSession();
        app.clock.advance(Duration.ofMinutes(31));
        assertCode(ErrorCode.CANNOT_CANCEL, () -> app.cancelSession.cancel(OWNER, created.session().id().value(), Optional.empty()));
        DepositSession stored = app.sessions.findById(created.session().id()).orElseThrow();
        assertEquals(PaymentStatus.EXPIRED, stored.status());
        assertFalse(stored.cancelled());
        assertEquals(List.of("deposit.created", "deposit.expired"), eventTypes());
    }

    @Test
    void the_sweeper_expires_due_sessions_in_batches_one_event_each() {
        List<CreatedSession> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(newSession());
        }
        app.clock.advance(Duration.ofMinutes(10));
        CreatedSession younger = newSession();
        app.clock.advance(Duration.ofMinutes(20));

        assertEquals(3, app.expireDueSessions.expireDue(3));
        assertEquals(2, app.expireDueSessions.expireDue(3));
        assertEquals(0, app.expireDueSessions.expireDue(3));

        created.forEach(c -> assertEquals(PaymentStatus.EXPIRED,
                app.sessions.findById(c.session().id()).orElseThrow().status()));
        assertEquals(PaymentStatus.CREATED, app.sessions.findById(younger.session().id()).orElseThrow().status());
        assertEquals(5, eventTypes().stream().filter("deposit.expired"::equals).count());
    }

    @Test
    void sessions_are_listed_newest_first_in_pages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.addFirst(newSession().session().id().value());
            app.clock.advance(Duration.ofSeconds(1));
        }
        Page<DepositSession> first = app.listSessions.list(OWNER, widgetId, null, null, null);
        assertEquals(ids.subList(0, 20), first.items().stream().map(s -> s.id().value()).toList());
        assertTrue(first.hasMore());
        Page<DepositSession> second = app.listSessions.list(OWNER, widgetId, null, "20", ids.get(19));
        assertEquals(ids.subList(20, 25), second.items().stream().map(s -> s.id().value()).toList());
        assertFalse(second.hasMore());
        assertEquals(1, app.listSessions.list(OWNER, widgetId, null, "1", null).items().size());
        assertEquals(25, app.listSessions.list(OWNER, widgetId, null, "100", null).items().size());
    }

    @Test
    void sessions_can_be_filtered_by_status() {
        String confirmed = newSession().session().id().value();
        newSession();
        app.recordObservation.record(TestApp.CONSUMER, confirmed,
                new ObservationDraft("obs_1", "CONFIRMED", "0xa", "100", null, null), List.of());
        assertEquals(List.of(confirmed), app.listSessions.list(OWNER, widgetId, "CONFIRMED", null, null).items()
                .stream().map(s -> s.id().value()).toList());
        assertEquals(1, app.listSessions.list(OWNER, widgetId, "CREATED", null, null).items().size());
    }

    @Test
    void bad_list_queries_are_validation_failures_naming_the_parameter() {
        assertViolations(List.of("limit below_minimum"), () -> app.listSessions.list(OWNER, widgetId, null, "0", null));
        assertViolations(List.of("limit above_maximum"), () -> app.listSessions.list(OWNER, widgetId, null, "101", null));
        assertViolations(List.of("limit invalid_format"), () -> app.listSessions.list(OWNER, widgetId, null, "ten", null));
        assertViolations(List.of("status invalid_value", "startingAfter invalid_format"),
                () -> app.listSessions.list(OWNER, widgetId, "PAID", null, "evt_1"));
        assertViolations(List.of("after invalid_format", "limit above_maximum"),
                () -> app.listEvents.list(OWNER, BUSINESS.value(), "dep_" + "0".repeat(32), "1000"));
    }

    @Test
    void listing_sessions_needs_the_owning_business_jwt() {
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.listSessions.list(new Caller.SecretHolder(widget.clientSecret()),
                widgetId, null, null, null));
        assertCode(ErrorCode.NOT_FOUND, () -> app.listSessions.list(STRANGER, widgetId, null, null, null));
        assertCode(ErrorCode.NOT_FOUND, () -> app.listSessions.list(OWNER, "wdgt_x", null, null, null));
    }

    @Test
    void the_events_feed_pages_through_a_business_s_events_in_commit_order() {
        CreatedSession a = newSession();
        app.createWidget.create(STRANGER, "biz_other", TestApp.widgetDraft("Theirs"), List.of());
        CreatedSession b = newSession();
        app.cancelSession.cancel(OWNER, a.session().id().value(), Optional.empty());

        Page<SessionEvent> first = app.listEvents.list(OWNER, BUSINESS.value(), null, "2");
        assertEquals(List.of(a.session().id(), b.session().id()),
                first.items().stream().map(e -> e.session().id()).toList());
        assertTrue(first.hasMore());
        Page<SessionEvent> rest = app.listEvents.list(OWNER, BUSINESS.value(), first.items().get(1).id().value(), null);
        assertEquals(List.of("deposit.expired"), rest.items().stream().map(SessionEvent::type).toList());
        assertFalse(rest.hasMore());
        assertCode(ErrorCode.FORBIDDEN, () -> app.listEvents.list(STRANGER, BUSINESS.value(), null, null));
        assertEquals(List.of(), app.listEvents.list(STRANGER, "biz_other", null, null).items());
    }

    private static void assertViolations(List<String> expected, org.junit.jupiter.api.function.Executable call) {
        DomainException e = assertThrows(DomainException.class, call);
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(expected, e.violations().stream().map(v -> v.field() + " " + v.code()).toList());
    }
}
