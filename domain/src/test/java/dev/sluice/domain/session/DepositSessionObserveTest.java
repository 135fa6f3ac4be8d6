package dev.sluice.domain.session;

import static dev.sluice.domain.session.TestSessions.CREATED_AT;
import static dev.sluice.domain.session.TestSessions.EXPIRES_AT;
import static dev.sluice.domain.session.TestSessions.observation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DepositSessionObserveTest {
    private static final Instant NOW = CREATED_AT.plusSeconds(600);

    /**
     * Every arrow of api.md's diagram: the steps that reach the start (see {@link TestSessions#run}),
     * the step taken, and the status it leads to ({@code late} when it is a late payment).
     */
    private static final String ARROWS = """
            CREATED   | _                                    | DETECTED 0xa          | PENDING
            PENDING   | DETECTED 0xa                         | CONFIRMED 0xa 100     | CONFIRMED
            PENDING   | DETECTED 0xa                         | CONFIRMED 0xa 60      | UNDERPAID
            PENDING   | DETECTED 0xa                         | CONFIRMED 0xa 150     | OVERPAID
            CONFIRMED | CONFIRMED 0xa 100                    | CONFIRMED 0xb 0.01    | OVERPAID
            UNDERPAID | CONFIRMED 0xa 60                     | DETECTED 0xb          | PENDING
            PENDING   | CONFIRMED 0xa 60, DETECTED 0xb       | CONFIRMED 0xb 40      | CONFIRMED
            PENDING   | DETECTED 0xa                         | FAILED 0xa            | FAILED
            PENDING   | DETECTED 0xa                         | FAILED                | FAILED
            FAILED    | DETECTED 0xa, FAILED 0xa             | DETECTED 0xb          | PENDING
            CREATED   | _                                    | EXPIRE                | EXPIRED
            CREATED   | _                                    | CANCEL                | EXPIRED
            PENDING   | DETECTED 0xa                         | CANCEL                | EXPIRED
            EXPIRED   | EXPIRE                               | DETECTED 0xa          | PENDING late
            EXPIRED   | CANCEL                               | DETECTED 0xa          | PENDING late
            EXPIRED   | DETECTED 0xa, CANCEL                 | CONFIRMED 0xa 100     | CONFIRMED
            CREATED   | _                                    | CONFIRMED 0xa 100     | CONFIRMED
            CREATED   | _                                    | CONFIRMED 0xa 99      | UNDERPAID
            CREATED   | _                                    | CONFIRMED 0xa 101     | OVERPAID
            """;

    static Stream<Arguments> arrows() {
        return ARROWS.lines().map(line -> {
            String[] parts = line.split("\\|");
            return Arguments.of(parts[0].trim(), parts[1].trim(), parts[2].trim(), parts[3].trim());
        });
    }

    @ParameterizedTest(name = "{0} --{2}--> {3}")
    @MethodSource("arrows")
    void every_arrow_of_the_diagram(String from, String before, String step, String to) {
        TestSessions.Run start = TestSessions.run(TestSessions.created(), before.equals("_") ? "" : before);
        assertEquals(PaymentStatus.valueOf(from), start.session().status());

        String script = before.equals("_") ? step : before + ", " + step;
        TestSessions.Run end = TestSessions.run(TestSessions.created(), script);

        String[] expected = to.split("\\s+");
        assertEquals(PaymentStatus.valueOf(expected[0]), end.session().status());
        assertEquals(expected.length > 1, end.session().latePayment(), "latePayment");
        SessionEvent last = end.events().getLast();
        assertEquals(PaymentStatus.valueOf(from), last.previousStatus());
        assertEquals(end.session().status(), last.status());
    }

    /**
     * What one observation does to the payment it names, from a session whose payment 0xa went
     * through the steps given: APPLIED (the payment's status after), UNCHANGED or REJECTED.
     */
    private static final String PAYMENT_CASES = """
            DETECTED 0xa             | DETECTED 0xa           | UNCHANGED
            DETECTED 0xa             | DETECTED 0xa 50        | APPLIED DETECTED
            DETECTED 0xa             | CONFIRMED 0xa 100      | APPLIED CONFIRMED
            DETECTED 0xa             | FAILED 0xa             | APPLIED FAILED
            DETECTED 0xa             | FAILED 0xb             | REJECTED
            DETECTED 0xa             | DETECTED 0xb           | APPLIED DETECTED
            CONFIRMED 0xa 100        | CONFIRMED 0xa 100.00   | UNCHANGED
            CONFIRMED 0xa 100        | CONFIRMED 0xa 101      | REJECTED
            CONFIRMED 0xa 100        | DETECTED 0xa           | UNCHANGED
            CONFIRMED 0xa 100        | FAILED 0xa             | REJECTED
            CONFIRMED 0xa 100        | FAILED                 | REJECTED
            DETECTED 0xa, FAILED 0xa | FAILED 0xa             | UNCHANGED
            DETECTED 0xa, FAILED 0xa | FAILED                 | UNCHANGED
            DETECTED 0xa, FAILED 0xa | DETECTED 0xa           | REJECTED
            DETECTED 0xa, FAILED 0xa | CONFIRMED 0xa 100      | APPLIED CONFIRMED
            _                        | FAILED                 | REJECTED
            _                        | FAILED 0xa             | REJECTED
            """;

    static Stream<Arguments> paymentCases() {
        return PAYMENT_CASES.lines().map(line -> {
            String[] parts = line.split("\\|");
            return Arguments.of(parts[0].trim(), parts[1].trim(), parts[2].trim());
        });
    }

    @ParameterizedTest(name = "{0} then {1} -> {2}")
    @MethodSource("paymentCases")
    void what_a_payment_can_and_cannot_do(String before, String step, String outcome) {
        DepositSession session = TestSessions.after(before.equals("_") ? "" : before);
        String[] words = step.split("\\s+");
        Observation reported = observation(ObservationKind.valueOf(words[0]), words.length > 1 ? words[1] : null,
                words.length > 2 ? words[2] : null, NOW);

        ObservationResult result = session.observe(reported, NOW);

        String[] expected = outcome.split("\\s+");
        assertEquals(expected[0], result.outcome().name());
        if (result instanceof ObservationResult.Applied applied) {
            Payment payment = applied.change().session().payments().stream()
                    .filter(p -> p.txId().equals(reported.txId())).findFirst().orElseThrow();
            assertEquals(Payment.Status.valueOf(expected[1]), payment.status());
        }
    }

    @Test
    void two_transactions_that_add_up_confirm_the_session_with_both_listed() {
        TestSessions.Run run = TestSessions.run(TestSessions.created(),
                "DETECTED 0xa, DETECTED 0xb, CONFIRMED 0xa 60, CONFIRMED 0xb 40");
        DepositSession session = run.session();
        assertEquals(PaymentStatus.CONFIRMED, session.status());
        assertEquals(List.of("0xa", "0xb"), session.payments().stream().map(Payment::txId).toList());
        assertEquals(0, new BigDecimal("100").compareTo(session.amountReceived()));
        assertEquals("0", session.amountDue().toPlainString());
        assertEquals("0xa", session.txId(), "txId is the first payment's");
        assertEquals(run.now(), session.confirmedAt());
    }

    @Test
    void a_short_payment_then_a_top_up_is_underpaid_pending_then_confirmed_one_event_each() {
        TestSessions.Run run = TestSessions.run(TestSessions.created(),
                "CONFIRMED 0xa 60, DETECTED 0xb, CONFIRMED 0xb 40");
        assertEquals(List.of(PaymentStatus.UNDERPAID, PaymentStatus.PENDING, PaymentStatus.CONFIRMED),
                run.events().stream().map(SessionEvent::status).toList());
        assertEquals(List.of(2L, 3L, 4L), run.events().stream().map(SessionEvent::sequence).toList());
        assertEquals("60", run.events().get(0).session().amountReceived().toPlainString());
        assertEquals("40", run.events().get(1).session().amountDue().toPlainString());
        assertEquals("100", run.events().get(2).session().amountReceived().toPlainString());
    }

    @Test
    void money_confirmed_on_an_overpaid_session_repeats_its_status_in_an_event() {
        TestSessions.Run run = TestSessions.run(TestSessions.created(), "CONFIRMED 0xa 120, CONFIRMED 0xb 5");
        SessionEvent last = run.events().getLast();
        assertEquals(PaymentStatus.OVERPAID, last.previousStatus());
        assertEquals("deposit.overpaid", last.type());
        assertEquals("125", last.session().amountReceived().toPlainString());
        assertEquals(CREATED_AT.plusSeconds(60), run.session().confirmedAt(), "when it first became OVERPAID");
    }

    @Test
    void a_payment_within_the_tolerance_confirms_and_leaves_the_rest_due() {
        DepositSession session = TestSessions.run(TestSessions.created("1"), "CONFIRMED 0xa 99.5").session();
        assertEquals(PaymentStatus.CONFIRMED, session.status());
        assertEquals("0.5", session.amountDue().toPlainString());
        assertEquals("99.5", session.amountReceived().toPlainString());
    }

    @Test
    void the_amount_due_keeps_the_precision_of_the_amounts_and_is_plain_zero_once_paid() {
        DepositSession session = DepositSession.create(SessionId.generate(), TestSessions.WIDGET,
                SessionDrafts.valid().with(d -> d.amount = "100.50").build(), List.of(), CREATED_AT).session();
        assertEquals("100.50", session.amountDue().toPlainString());
        DepositSession underpaid = TestSessions.run(session, "CONFIRMED 0xa 60").session();
        assertEquals("40.50", underpaid.amountDue().toPlainString());
        DepositSession overpaid = TestSessions.run(session, "CONFIRMED 0xa 60, CONFIRMED 0xb 50.000").session();
        assertEquals("0", overpaid.amountDue().toPlainString());
    }

    @Test
    void a_payment_just_outside_the_tolerance_is_underpaid() {
        DepositSession session = TestSessions.run(TestSessions.created("1"), "CONFIRMED 0xa 98.99").session();
        assertEquals(PaymentStatus.UNDERPAID, session.status());
    }

    @Test
    void more_confirmations_of_a_detected_payment_are_kept_without_an_event() {
        DepositSession pending = TestSessions.after("DETECTED 0xa");
        ObservationResult result = pending.observe(new Observation("obs_more", ObservationKind.DETECTED, "0xa",
                null, 5L, NOW), NOW);
        Change change = assertInstanceOf(ObservationResult.Applied.class, result).change();
        assertTrue(change.changed());
        assertEquals(List.of(), change.events());
        assertEquals(5, change.session().payments().getFirst().confirmations());
        assertEquals(pending.lastSequence(), change.session().lastSequence());
    }

    @Test
    void a_second_transaction_that_moves_neither_status_nor_amount_emits_no_event() {
        DepositSession pending = TestSessions.after("DETECTED 0xa");
        Change change = assertInstanceOf(ObservationResult.Applied.class,
                pending.observe(observation(ObservationKind.DETECTED, "0xb", null, NOW), NOW)).change();
        assertEquals(2, change.session().payments().size());
        assertEquals(List.of(), change.events());
    }

    @Test
    void a_payment_records_its_times_confirmations_and_the_amount_seen_before_confirmation() {
        DepositSession detected = TestSessions.after("DETECTED 0xa 40");
        Payment payment = detected.payments().getFirst();
        assertEquals("40", payment.amount().text());
        assertEquals(CREATED_AT.plusSeconds(60), payment.firstSeenAt());
        assertNull(payment.confirmedAt());
        assertNull(detected.amountReceived(), "an amount seen is not an amount received");
        assertEquals("100", detected.amountDue().toPlainString());

        Payment confirmed = TestSessions.after("DETECTED 0xa 40, CONFIRMED 0xa 100").payments().getFirst();
        assertEquals("100", confirmed.amount().text());
        assertEquals(CREATED_AT.plusSeconds(60), confirmed.firstSeenAt());
        assertEquals(CREATED_AT.plusSeconds(120), confirmed.confirmedAt());
        assertEquals(1, confirmed.confirmations());
    }

    @Test
    void money_seen_after_the_expiry_of_a_created_session_first_expires_it_then_counts_as_late() {
        DepositSession created = TestSessions.created();
        Instant seen = EXPIRES_AT.plusSeconds(1);
        ObservationResult result = created.observe(observation(ObservationKind.DETECTED, "0xa", null, seen), seen);

        Change change = assertInstanceOf(ObservationResult.Applied.class, result).change();
        assertEquals(List.of(PaymentStatus.EXPIRED, PaymentStatus.PENDING),
                change.events().stream().map(SessionEvent::status).toList());
        assertEquals(List.of(2L, 3L), change.events().stream().map(SessionEvent::sequence).toList());
        assertEquals(PaymentStatus.CREATED, change.events().get(0).previousStatus());
        assertEquals(PaymentStatus.EXPIRED, change.events().get(1).previousStatus());
        assertTrue(change.session().latePayment());
    }

    @Test
    void money_seen_before_the_expiry_is_in_time_even_when_reported_after_it() {
        DepositSession created = TestSessions.created();
        Observation seenInTime = observation(ObservationKind.DETECTED, "0xa", null, EXPIRES_AT.minusMillis(1));
        Change change = assertInstanceOf(ObservationResult.Applied.class,
                created.observe(seenInTime, EXPIRES_AT.plusSeconds(600))).change();
        assertEquals(PaymentStatus.PENDING, change.session().status());
        assertFalse(change.session().latePayment());
    }

    @Test
    void a_payment_seen_before_a_cancel_is_set_aside_but_its_confirmation_counts() {
        DepositSession cancelled = TestSessions.after("DETECTED 0xa, CANCEL");
        assertEquals(PaymentStatus.EXPIRED, cancelled.status());
        assertFalse(cancelled.latePayment());
        DepositSession confirmed = TestSessions.after("DETECTED 0xa, CANCEL, CONFIRMED 0xa 100");
        assertEquals(PaymentStatus.CONFIRMED, confirmed.status());
        assertFalse(confirmed.latePayment());
    }

    @Test
    void cancelling_a_pending_top_up_leaves_the_money_already_received_underpaid() {
        DepositSession session = TestSessions.after("CONFIRMED 0xa 60, DETECTED 0xb, CANCEL");
        assertEquals(PaymentStatus.UNDERPAID, session.status());
        assertTrue(session.cancelled());
    }

    @Test
    void a_late_payment_stays_late_through_its_confirmation() {
        DepositSession confirmed = TestSessions.after("EXPIRE, DETECTED 0xa, CONFIRMED 0xa 100");
        assertTrue(confirmed.latePayment());
        assertEquals(PaymentStatus.CONFIRMED, confirmed.status());
    }

    @Test
    void a_rejection_names_the_reason_and_leaves_the_session_as_it_was() {
        DepositSession confirmed = TestSessions.after("CONFIRMED 0xa 100");
        ObservationResult result = confirmed.observe(observation(ObservationKind.CONFIRMED, "0xa", "90", NOW), NOW);
        assertTrue(assertInstanceOf(ObservationResult.Rejected.class, result).reason().contains("another amount"));
        assertSame(PaymentStatus.CONFIRMED, confirmed.status());
    }
}
