package dev.sluice.domain.session;

import static dev.sluice.domain.session.TestSessions.CREATED_AT;
import static dev.sluice.domain.session.TestSessions.EXPIRES_AT;
import static dev.sluice.domain.session.TestSessions.observation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DepositSessionObserveTest {
    private static final Instant NOW = CREATED_AT.plusSeconds(120);

    /**
     * session (status, txId, amountReceived) | observation (kind, txId, amountReceived) | outcome.
     * The session asked for 100; {@code _} means none. Outcome: APPLIED with the new status and
     * whether it is a late payment, UNCHANGED or REJECTED.
     */
    private static final String CASES = """
            CREATED   _    _    | DETECTED  0xa _      | APPLIED PENDING
            CREATED   _    _    | DETECTED  0xa 100    | APPLIED PENDING
            CREATED   _    _    | CONFIRMED 0xa 100    | APPLIED CONFIRMED
            CREATED   _    _    | CONFIRMED 0xa 100.00 | APPLIED CONFIRMED
            CREATED   _    _    | CONFIRMED 0xa 99.99  | APPLIED UNDERPAID
            CREATED   _    _    | CONFIRMED 0xa 0      | APPLIED UNDERPAID
            CREATED   _    _    | CONFIRMED 0xa 100.01 | APPLIED OVERPAID
            CREATED   _    _    | FAILED    _   _      | REJECTED
            CREATED   _    _    | FAILED    0xa _      | REJECTED
            PENDING   0xa  _    | DETECTED  0xa _      | UNCHANGED
            PENDING   0xa  _    | DETECTED  0xb _      | REJECTED
            PENDING   0xa  _    | CONFIRMED 0xa 100    | APPLIED CONFIRMED
            PENDING   0xa  _    | CONFIRMED 0xa 1      | APPLIED UNDERPAID
            PENDING   0xa  _    | CONFIRMED 0xa 1000   | APPLIED OVERPAID
            PENDING   0xa  _    | CONFIRMED 0xb 100    | REJECTED
            PENDING   0xa  _    | FAILED    _   _      | APPLIED FAILED
            PENDING   0xa  _    | FAILED    0xa _      | APPLIED FAILED
            PENDING   0xa  _    | FAILED    0xb _      | REJECTED
            EXPIRED   _    _    | DETECTED  0xa _      | APPLIED PENDING late
            EXPIRED   _    _    | CONFIRMED 0xa 100    | APPLIED CONFIRMED late
            EXPIRED   _    _    | CONFIRMED 0xa 50     | APPLIED UNDERPAID late
            EXPIRED   _    _    | CONFIRMED 0xa 150    | APPLIED OVERPAID late
            EXPIRED   _    _    | FAILED    _   _      | REJECTED
            EXPIRED   0xa  _    | DETECTED  0xa _      | APPLIED PENDING late
            EXPIRED   0xa  _    | CONFIRMED 0xa 100    | APPLIED CONFIRMED late
            EXPIRED   0xa  _    | DETECTED  0xb _      | REJECTED
            CONFIRMED 0xa  100  | CONFIRMED 0xa 100    | UNCHANGED
            CONFIRMED 0xa  100  | CONFIRMED 0xa 100.0  | UNCHANGED
            CONFIRMED 0xa  100  | CONFIRMED 0xa 101    | REJECTED
            CONFIRMED 0xa  100  | CONFIRMED 0xb 100    | REJECTED
            CONFIRMED 0xa  100  | DETECTED  0xa _      | REJECTED
            CONFIRMED 0xa  100  | FAILED    _   _      | REJECTED
            UNDERPAID 0xa  50   | CONFIRMED 0xa 50     | UNCHANGED
            UNDERPAID 0xa  50   | CONFIRMED 0xa 60     | REJECTED
            UNDERPAID 0xa  50   | FAILED    0xa _      | REJECTED
            OVERPAID  0xa  150  | CONFIRMED 0xa 150    | UNCHANGED
            OVERPAID  0xa  150  | CONFIRMED 0xa 100    | REJECTED
            FAILED    0xa  _    | FAILED    _   _      | UNCHANGED
            FAILED    0xa  _    | FAILED    0xa _      | UNCHANGED
            FAILED    0xa  _    | DETECTED  0xa _      | REJECTED
            FAILED    0xa  _    | CONFIRMED 0xa 100    | REJECTED
            """;

    static Stream<Arguments> cases() {
        return CASES.lines().map(line -> {
            String[] parts = line.split("\\|");
            return Arguments.of(parts[0].trim(), parts[1].trim(), parts[2].trim());
        });
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("cases")
    void the_lifecycle_decides_what_each_observation_does(String session, String observation, String outcome) {
        String[] s = session.split("\\s+");
        String[] o = observation.split("\\s+");
        String[] expected = outcome.split("\\s+");
        DepositSession before = TestSessions.in(PaymentStatus.valueOf(s[0]), none(s[1]), none(s[2]));
        Observation reported = observation(ObservationKind.valueOf(o[0]), none(o[1]), none(o[2]), NOW);

        ObservationResult result = before.observe(reported, NOW);

        assertEquals(expected[0], result.outcome().name());
        if (result instanceof ObservationResult.Applied applied) {
            DepositSession after = applied.change().session();
            assertEquals(PaymentStatus.valueOf(expected[1]), after.status());
            assertEquals(expected.length > 2, after.latePayment(), "latePayment");
            assertEquals(reported.txId() != null ? reported.txId() : before.txId(), after.txId());
            SessionEvent event = applied.change().events().getFirst();
            assertEquals(1, applied.change().events().size());
            assertEquals(before.lastSequence() + 1, event.sequence());
            assertEquals(before.status(), event.previousStatus());
            assertEquals(after, event.session());
            assertEquals(NOW, event.occurredAt());
        }
    }

    @Test
    void a_confirmation_records_the_amount_received_and_when_it_was_confirmed() {
        DepositSession after = applied(TestSessions.in(PaymentStatus.PENDING, "0xa", null),
                observation(ObservationKind.CONFIRMED, "0xa", "99.5", NOW));
        assertEquals("99.5", after.amountReceived().text());
        assertEquals(NOW, after.confirmedAt());
        assertEquals("0xa", after.txId());
    }

    @Test
    void a_detection_sets_the_txid_and_nothing_about_the_amount() {
        DepositSession after = applied(TestSessions.created(), observation(ObservationKind.DETECTED, "0xa", "100", NOW));
        assertEquals("0xa", after.txId());
        assertNull(after.amountReceived());
        assertNull(after.confirmedAt());
        assertFalse(after.latePayment());
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
        assertEquals(PaymentStatus.PENDING, change.session().status());
        assertTrue(change.session().latePayment());
        assertEquals(3, change.session().lastSequence());
    }

    @Test
    void money_seen_before_the_expiry_is_in_time_even_when_reported_after_it() {
        DepositSession created = TestSessions.created();
        Observation seenInTime = observation(ObservationKind.DETECTED, "0xa", null, EXPIRES_AT.minusMillis(1));
        Change change = assertInstanceOf(ObservationResult.Applied.class,
                created.observe(seenInTime, EXPIRES_AT.plusSeconds(600))).change();
        assertEquals(1, change.events().size());
        assertEquals(PaymentStatus.PENDING, change.session().status());
        assertFalse(change.session().latePayment());
    }

    @Test
    void a_report_the_lifecycle_refuses_after_the_expiry_leaves_the_session_as_it_was() {
        Instant seen = EXPIRES_AT.plusSeconds(1);
        ObservationResult result = TestSessions.created()
                .observe(observation(ObservationKind.FAILED, null, null, seen), seen);
        assertInstanceOf(ObservationResult.Rejected.class, result);
    }

    @Test
    void a_late_payment_stays_late_through_its_confirmation() {
        DepositSession expired = TestSessions.in(PaymentStatus.EXPIRED, null, null);
        DepositSession pending = applied(expired, observation(ObservationKind.DETECTED, "0xa", null, NOW));
        DepositSession confirmed = applied(pending, observation(ObservationKind.CONFIRMED, "0xa", "100", NOW));
        assertTrue(confirmed.latePayment());
        assertEquals(PaymentStatus.CONFIRMED, confirmed.status());
        assertEquals(expired.lastSequence() + 2, confirmed.lastSequence());
    }

    @Test
    void a_rejection_names_the_reason() {
        ObservationResult result = TestSessions.in(PaymentStatus.PENDING, "0xa", null)
                .observe(observation(ObservationKind.DETECTED, "0xb", null, NOW), NOW);
        assertTrue(assertInstanceOf(ObservationResult.Rejected.class, result).reason().contains("second txId"));
    }

    private static DepositSession applied(DepositSession session, Observation observation) {
        return assertInstanceOf(ObservationResult.Applied.class, session.observe(observation, NOW)).change().session();
    }

    private static String none(String cell) {
        return cell.equals("_") ? null : cell;
    }
}
