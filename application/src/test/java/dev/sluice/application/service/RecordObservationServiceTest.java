package dev.sluice.application.service;

import static dev.sluice.application.fakes.TestApp.OWNER;
import static dev.sluice.application.fakes.TestApp.PROCESSOR;
import static dev.sluice.application.service.WidgetServicesTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.TestApp;
import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.RecordObservation.Observed;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordObservationServiceTest {
    private final TestApp app = new TestApp();
    private final DepositSession session = app.newSession(app.newWidget(), "100").session();
    private final String id = session.id().value();

    private Observed record(Caller caller, String observationId, String kind, String txId, String amount) {
        return app.recordObservation.record(caller, id, new ObservationDraft(observationId, kind, txId, amount, 1L, null),
                List.of());
    }

    private DepositSession stored() {
        return app.sessions.findById(session.id()).orElseThrow();
    }

    @Test
    void an_allowed_observation_moves_the_session_and_emits_its_event() {
        Observed detected = record(PROCESSOR, "obs_1", "DETECTED", "0xa", null);
        assertEquals(Optional.of(RecordedObservation.Outcome.APPLIED), detected.outcome());
        assertEquals(PaymentStatus.PENDING, detected.session().status());
        assertEquals("0xa", stored().txId());

        Observed confirmed = record(TestApp.CONSUMER, "obs_2", "CONFIRMED", "0xa", "100.00");
        assertEquals(PaymentStatus.CONFIRMED, confirmed.session().status());
        assertEquals(List.of(1L, 2L, 3L), app.outbox.all().stream().map(SessionEvent::sequence).toList());
        assertEquals(List.of("deposit.created", "deposit.pending", "deposit.confirmed"),
                app.outbox.all().stream().map(SessionEvent::type).toList());
        assertEquals(List.of("obs_1", "obs_2"),
                app.observations.all().stream().map(o -> o.observation().observationId()).toList());
    }

    @Test
    void a_repeated_observation_id_is_a_no_op() {
        record(PROCESSOR, "obs_1", "DETECTED", "0xa", null);
        Observed repeat = record(PROCESSOR, "obs_1", "CONFIRMED", "0xa", "100");
        assertEquals(Optional.empty(), repeat.outcome());
        assertEquals(PaymentStatus.PENDING, repeat.session().status());
        assertEquals(1, app.observations.all().size());
        assertEquals(2, app.outbox.all().size());
    }

    @Test
    void a_repeat_never_answers_with_a_created_session_after_its_expiry() {
        assertCode(ErrorCode.INVALID_TRANSITION, () -> record(PROCESSOR, "obs_1", "FAILED", null, null));
        app.clock.advance(Duration.ofMinutes(30));
        Observed repeat = record(PROCESSOR, "obs_1", "FAILED", null, null);
        assertEquals(PaymentStatus.EXPIRED, repeat.session().status());
        assertEquals(PaymentStatus.EXPIRED, stored().status());
        assertEquals(List.of("deposit.created", "deposit.expired"),
                app.outbox.all().stream().map(SessionEvent::type).toList());
    }

    @Test
    void an_observation_that_repeats_what_the_session_knows_is_stored_as_unchanged() {
        record(PROCESSOR, "obs_1", "DETECTED", "0xa", null);
        Observed again = record(PROCESSOR, "obs_2", "DETECTED", "0xa", null);
        assertEquals(Optional.of(RecordedObservation.Outcome.UNCHANGED), again.outcome());
        assertEquals(2, app.observations.all().size());
        assertEquals(2, app.outbox.all().size());
    }

    @Test
    void a_forbidden_observation_is_stored_and_then_refused_and_the_session_stays_unchanged() {
        record(PROCESSOR, "obs_1", "CONFIRMED", "0xa", "60");
        DomainException e = assertThrows(DomainException.class,
                () -> record(PROCESSOR, "obs_2", "CONFIRMED", "0xa", "70"));
        assertEquals(ErrorCode.INVALID_TRANSITION, e.code());
        assertTrue(e.getMessage().contains("another amount"));
        RecordedObservation rejected = app.observations.findById("obs_2").orElseThrow();
        assertEquals(RecordedObservation.Outcome.REJECTED, rejected.outcome());
        assertEquals("70", rejected.observation().amountReceived().text());
        assertEquals(PaymentStatus.UNDERPAID, stored().status());
        assertEquals("60", stored().amountReceived().toPlainString());
        assertEquals(2, app.outbox.all().size());

        Observed repeat = record(PROCESSOR, "obs_2", "CONFIRMED", "0xa", "70");
        assertEquals(Optional.empty(), repeat.outcome(), "a repeat of a rejected observation is a no-op too");
    }

    @Test
    void a_second_transaction_is_a_second_payment_and_both_count() {
        record(PROCESSOR, "obs_1", "DETECTED", "0xa", null);
        record(PROCESSOR, "obs_2", "DETECTED", "0xb", null);
        record(PROCESSOR, "obs_3", "CONFIRMED", "0xa", "60");
        Observed last = record(PROCESSOR, "obs_4", "CONFIRMED", "0xb", "40");
        assertEquals(PaymentStatus.CONFIRMED, last.session().status());
        assertEquals(List.of("0xa", "0xb"), stored().payments().stream().map(Payment::txId).toList());
        assertEquals(List.of("deposit.created", "deposit.pending", "deposit.pending", "deposit.confirmed"),
                app.outbox.all().stream().map(SessionEvent::type).toList(),
                "the second detection moved nothing; 60 received while 0xb is pending repeats PENDING");
        assertEquals("60", app.outbox.all().get(2).session().amountReceived().toPlainString());
    }

    @Test
    void a_terminal_session_refuses_everything_but_a_repeat_of_its_confirmation() {
        record(PROCESSOR, "obs_1", "CONFIRMED", "0xa", "100");
        assertCode(ErrorCode.INVALID_TRANSITION, () -> record(PROCESSOR, "obs_2", "FAILED", null, null));
        assertEquals(Optional.of(RecordedObservation.Outcome.UNCHANGED),
                record(PROCESSOR, "obs_3", "CONFIRMED", "0xa", "100.0").outcome());
        assertEquals(PaymentStatus.CONFIRMED, stored().status());
    }

    @Test
    void money_after_expiry_reopens_the_session_as_a_late_payment() {
        app.clock.advance(Duration.ofMinutes(45));
        Observed late = record(PROCESSOR, "obs_1", "DETECTED", "0xa", null);
        assertEquals(PaymentStatus.PENDING, late.session().status());
        assertTrue(late.session().latePayment());
        assertEquals(List.of("deposit.created", "deposit.expired", "deposit.pending"),
                app.outbox.all().stream().map(SessionEvent::type).toList());
        assertEquals(List.of(1L, 2L, 3L), app.outbox.all().stream().map(SessionEvent::sequence).toList());
    }

    @Test
    void observations_need_the_observe_scope_or_the_internal_consumer() {
        Caller.BusinessUser withoutScope = new Caller.BusinessUser("u", Set.of(TestApp.BUSINESS), Set.of("deposits:read"));
        assertCode(ErrorCode.FORBIDDEN, () -> record(withoutScope, "obs_1", "DETECTED", "0xa", null));
        assertCode(ErrorCode.FORBIDDEN, () -> record(OWNER, "obs_1", "DETECTED", "0xa", null));
        assertCode(ErrorCode.UNAUTHORIZED, () -> record(new Caller.SecretHolder("dep_secret_x"), "obs_1", "DETECTED",
                "0xa", null));
        assertEquals(List.of(), app.observations.all());
    }

    @Test
    void an_invalid_observation_is_refused_with_every_violation_and_not_stored() {
        Violation wrongType = new Violation("confirmations", "invalid_type", "must be an integer");
        DomainException e = assertThrows(DomainException.class, () -> app.recordObservation.record(PROCESSOR, id,
                new ObservationDraft(null, "SEEN", null, null, null, "yesterday"), List.of(wrongType)));
        assertEquals(List.of("confirmations", "observationId", "kind", "observedAt"),
                e.violations().stream().map(Violation::field).toList());
        assertEquals(List.of(), app.observations.all());
    }

    @Test
    void an_observation_for_an_unknown_session_is_not_found() {
        assertCode(ErrorCode.NOT_FOUND, () -> app.recordObservation.record(PROCESSOR, "dep_" + "0".repeat(32),
                new ObservationDraft("obs_1", "DETECTED", "0xa", null, null, null), List.of()));
        assertCode(ErrorCode.NOT_FOUND, () -> app.recordObservation.record(PROCESSOR, "nonsense",
                new ObservationDraft("obs_1", "DETECTED", "0xa", null, null, null), List.of()));
        assertEquals(List.of(), app.observations.all());
    }
}
