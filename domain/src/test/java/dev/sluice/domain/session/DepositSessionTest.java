package dev.sluice.domain.session;

import static dev.sluice.domain.session.TestSessions.CREATED_AT;
import static dev.sluice.domain.session.TestSessions.EXPIRES_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDrafts;
import dev.sluice.domain.widget.WidgetField;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DepositSessionTest {

    @Test
    void a_session_keeps_the_version_it_was_read_at_for_optimistic_locking() {
        DepositSession fresh = TestSessions.created();
        DepositSession read = DepositSession.restore(fresh.id(), fresh.widgetId(), fresh.businessId(), fresh.terms(),
                fresh.status(), List.of(), false, fresh.createdAt(), fresh.expiresAt(), null, null, 1, 4);

        assertEquals(0, fresh.version());
        assertEquals(4, read.version());
        assertEquals(4, read.cancel(CREATED_AT.plusSeconds(1)).session().version());
    }

    @Test
    void a_new_session_expires_after_its_widgets_session_ttl() {
        Widget widget = WidgetDrafts.valid().set(WidgetField.SESSION_TTL, "PT2H").widget(new BusinessId("biz_1"));

        DepositSession session = DepositSession.create(SessionId.generate(), widget, SessionDrafts.valid().build(),
                List.of(), CREATED_AT).session();

        assertEquals(Instant.parse("2026-06-09T14:00:00.000Z"), session.expiresAt());
    }

    @Test
    void a_new_session_is_created_with_its_first_event_and_expires_after_its_lifetime() {
        Change change = DepositSession.create(SessionId.generate(), TestSessions.WIDGET,
                SessionDrafts.valid().build(), List.of(), CREATED_AT);
        DepositSession session = change.session();
        assertEquals(PaymentStatus.CREATED, session.status());
        assertEquals(CREATED_AT, session.createdAt());
        assertEquals(Instant.parse("2026-06-09T12:30:00.000Z"), session.expiresAt());
        assertEquals(TestSessions.WIDGET.id(), session.widgetId());
        assertEquals(TestSessions.WIDGET.businessId(), session.businessId());
        assertNull(session.txId());
        assertEquals(1, session.lastSequence());
        SessionEvent event = change.events().getFirst();
        assertEquals(1, change.events().size());
        assertEquals(1, event.sequence());
        assertNull(event.previousStatus());
        assertEquals("deposit.created", event.type());
        assertSame(session, event.session());
    }

    @Test
    void a_session_is_not_due_one_millisecond_before_its_expiry_and_due_at_it() {
        DepositSession session = TestSessions.created();
        Change before = session.expireIfDue(EXPIRES_AT.minusMillis(1));
        assertSame(session, before.session());
        assertEquals(List.of(), before.events());

        Change at = session.expireIfDue(EXPIRES_AT);
        assertEquals(PaymentStatus.EXPIRED, at.session().status());
        assertFalse(at.session().cancelled());
        assertEquals(2, at.events().getFirst().sequence());
        assertEquals(PaymentStatus.CREATED, at.events().getFirst().previousStatus());
        assertEquals("deposit.expired", at.events().getFirst().type());
    }

    /** A script of steps (see {@link TestSessions#run}) that brings a session into each status. */
    private static String reaching(PaymentStatus status) {
        return switch (status) {
            case CREATED -> "";
            case PENDING -> "DETECTED 0xa";
            case CONFIRMED -> "CONFIRMED 0xa 100";
            case UNDERPAID -> "CONFIRMED 0xa 50";
            case OVERPAID -> "CONFIRMED 0xa 150";
            case FAILED -> "DETECTED 0xa, FAILED 0xa";
            case EXPIRED -> "CANCEL";
        };
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "CREATED", mode = EnumSource.Mode.EXCLUDE)
    void only_created_sessions_expire_by_time(PaymentStatus status) {
        DepositSession session = TestSessions.after(reaching(status));
        assertEquals(status, session.status());
        Change change = session.expireIfDue(EXPIRES_AT.plusSeconds(3600));
        assertEquals(List.of(), change.events());
        assertFalse(change.changed());
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"CREATED", "PENDING"})
    void created_and_pending_sessions_can_be_cancelled_and_become_expired(PaymentStatus status) {
        DepositSession session = TestSessions.after(reaching(status));
        Instant now = CREATED_AT.plusSeconds(600);
        Change change = session.cancel(now);
        assertEquals(PaymentStatus.EXPIRED, change.session().status());
        assertTrue(change.session().cancelled());
        assertEquals(now, change.session().cancelledAt());
        assertEquals(session.lastSequence() + 1, change.events().getFirst().sequence());
        assertEquals(status, change.events().getFirst().previousStatus());
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"CONFIRMED", "UNDERPAID", "OVERPAID", "FAILED", "EXPIRED"})
    void other_sessions_cannot_be_cancelled(PaymentStatus status) {
        DepositSession session = TestSessions.after(reaching(status));
        DomainException e = assertThrows(DomainException.class, () -> session.cancel(CREATED_AT.plusSeconds(600)));
        assertEquals(ErrorCode.CANNOT_CANCEL, e.code());
    }

    @Test
    void a_new_session_takes_its_widgets_tolerance_and_test_mode() {
        Widget widget = WidgetDrafts.valid().set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "2.5")
                .set(WidgetField.TEST_MODE, true).widget(new BusinessId("biz_1"));
        DepositSession session = DepositSession.create(SessionId.generate(), widget, SessionDrafts.valid().build(),
                List.of(), CREATED_AT).session();
        assertEquals("2.5", session.terms().paymentTolerancePercent().text());
        assertTrue(session.testMode());
        assertFalse(TestSessions.created().testMode());
    }

    @Test
    void a_created_session_past_its_expiry_cannot_be_cancelled_any_more() {
        DomainException e = assertThrows(DomainException.class, () -> TestSessions.created().cancel(EXPIRES_AT));
        assertEquals(ErrorCode.CANNOT_CANCEL, e.code());
    }

    @Test
    void as_created_shows_the_session_as_its_creation_answered_whatever_happened_since() {
        DepositSession created = TestSessions.created();
        DepositSession paid = ((ObservationResult.Applied) created.observe(TestSessions.observation(
                ObservationKind.CONFIRMED, "0xtx1", "100", CREATED_AT.plusSeconds(5)), CREATED_AT.plusSeconds(5)))
                .change().session();
        DepositSession replay = paid.asCreated();
        assertEquals(PaymentStatus.CREATED, replay.status());
        assertNull(replay.txId());
        assertNull(replay.amountReceived());
        assertNull(replay.confirmedAt());
        assertEquals(created.terms(), replay.terms());
        assertEquals(created.expiresAt(), replay.expiresAt());
        assertNotEquals(paid.status(), replay.status());
    }
}
