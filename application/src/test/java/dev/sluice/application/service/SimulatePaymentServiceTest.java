package dev.sluice.application.service;

import static dev.sluice.application.fakes.TestApp.OWNER;
import static dev.sluice.application.fakes.TestApp.STRANGER;
import static dev.sluice.application.service.WidgetServicesTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.TestApp;
import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateDepositSession.CreatedSession;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatePaymentServiceTest {
    private final TestApp app = new TestApp();

    private CreatedSession testSession() {
        WidgetDraft draft = WidgetDraft.builder().set(WidgetField.NAME, "Sandbox").set(WidgetField.MODE, "CUSTOMER_AMOUNT")
                .set(WidgetField.TEST_MODE, true).build();
        Widget.Issued widget = app.createWidget.create(OWNER, TestApp.BUSINESS.value(), draft, List.of());
        return app.newSession(widget, "100");
    }

    private DepositSession simulate(CreatedSession session, String outcome, String amount) {
        return app.simulatePayment.simulate(new Caller.SecretHolder(session.clientSecret()),
                session.session().id().value(), Optional.empty(), outcome, amount, List.of());
    }

    @Test
    void simulated_payments_drive_a_test_session_like_real_ones_with_test_transactions() {
        CreatedSession session = testSession();
        DepositSession underpaid = simulate(session, "CONFIRMED", "60");
        assertEquals(PaymentStatus.UNDERPAID, underpaid.status());
        DepositSession pending = simulate(session, "DETECTED", "40");
        assertEquals(PaymentStatus.PENDING, pending.status());
        DepositSession failed = simulate(session, "FAILED", null);
        assertEquals(PaymentStatus.PENDING, failed.status(), "the detected top-up is still pending");
        DepositSession confirmed = app.simulatePayment.simulate(OWNER, session.session().id().value(),
                Optional.empty(), "CONFIRMED",
                "40", List.of());
        assertEquals(PaymentStatus.CONFIRMED, confirmed.status());
        assertEquals(List.of(Payment.Status.CONFIRMED, Payment.Status.DETECTED, Payment.Status.FAILED,
                Payment.Status.CONFIRMED), confirmed.payments().stream().map(Payment::status).toList());
        assertTrue(confirmed.payments().stream().allMatch(p -> p.txId().startsWith("test_")));
        assertEquals(5, app.observations.all().size(), "stored like the chain watcher's reports");
        assertTrue(app.outbox.all().stream().map(SessionEvent::session).allMatch(DepositSession::testMode));
        assertEquals(List.of("deposit.created", "deposit.underpaid", "deposit.pending", "deposit.confirmed"),
                app.outbox.all().stream().map(SessionEvent::type).toList());
    }

    @Test
    void a_session_of_a_live_widget_cannot_be_simulated_and_nothing_changes() {
        CreatedSession live = app.newSession(app.newWidget(), "100");
        DomainException e = assertThrows(DomainException.class, () -> simulate(live, "CONFIRMED", "100"));
        assertEquals(ErrorCode.NOT_TEST_MODE, e.code());
        assertEquals(List.of(), app.observations.all());
        assertEquals(1, app.outbox.all().size());
    }

    @Test
    void a_simulation_needs_the_session_secret_or_the_owning_business_and_a_valid_body() {
        CreatedSession session = testSession();
        String id = session.session().id().value();
        assertCode(ErrorCode.NOT_FOUND,
                () -> app.simulatePayment.simulate(STRANGER, id, Optional.empty(), "CONFIRMED", "1", List.of()));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.simulatePayment.simulate(new Caller.SecretHolder("dep_secret_x"),
                id, Optional.empty(), "CONFIRMED", "1", List.of()));
        DomainException e = assertThrows(DomainException.class, () -> simulate(session, "LOST", "1e2"));
        assertEquals(List.of("outcome", "amount"), e.violations().stream().map(Violation::field).toList());
        DomainException missing = assertThrows(DomainException.class, () -> simulate(session, "CONFIRMED", null));
        assertEquals("required", missing.violations().getFirst().code());
        assertEquals(List.of(), app.observations.all());
    }
}
