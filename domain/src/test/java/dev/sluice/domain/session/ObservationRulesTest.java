package dev.sluice.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObservationRulesTest {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.000Z");

    private static ObservationDraft draft(String id, String kind, String txId, String amount, Long confirmations,
            String observedAt) {
        return new ObservationDraft(id, kind, txId, amount, confirmations, observedAt);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments(draft("obs_1", "DETECTED", "0xa", null, null, null), null, null),
                arguments(draft("o".repeat(128), "DETECTED", "0xa", null, null, null), null, null),
                arguments(draft("o".repeat(129), "DETECTED", "0xa", null, null, null), "observationId", "too_long"),
                arguments(draft("", "DETECTED", "0xa", null, null, null), "observationId", "too_short"),
                arguments(draft(null, "DETECTED", "0xa", null, null, null), "observationId", "required"),
                arguments(draft("obs_1", null, "0xa", null, null, null), "kind", "required"),
                arguments(draft("obs_1", "SEEN", "0xa", null, null, null), "kind", "invalid_value"),
                arguments(draft("obs_1", "detected", "0xa", null, null, null), "kind", "invalid_value"),
                arguments(draft("obs_1", "DETECTED", null, null, null, null), "txId", "required"),
                arguments(draft("obs_1", "CONFIRMED", null, "1", null, null), "txId", "required"),
                arguments(draft("obs_1", "FAILED", null, null, null, null), null, null),
                arguments(draft("obs_1", "DETECTED", "t".repeat(128), null, null, null), null, null),
                arguments(draft("obs_1", "DETECTED", "t".repeat(129), null, null, null), "txId", "too_long"),
                arguments(draft("obs_1", "FAILED", "", null, null, null), "txId", "too_short"),
                arguments(draft("obs_1", "CONFIRMED", "0xa", null, null, null), "amountReceived", "required"),
                arguments(draft("obs_1", "CONFIRMED", "0xa", "1e3", null, null), "amountReceived", "invalid_format"),
                arguments(draft("obs_1", "CONFIRMED", "0xa", ".5", null, null), "amountReceived", "invalid_format"),
                arguments(draft("obs_1", "CONFIRMED", "0xa", "1".repeat(33), null, null), "amountReceived", "too_long"),
                arguments(draft("obs_1", "CONFIRMED", "0xa", "1".repeat(32), null, null), null, null),
                arguments(draft("obs_1", "CONFIRMED", "0xa", "0", null, null), null, null),
                arguments(draft("obs_1", "DETECTED", "0xa", "abc", null, null), "amountReceived", "invalid_format"),
                arguments(draft("obs_1", "CONFIRMED", "0xa", "5", 0L, null), null, null),
                arguments(draft("obs_1", "CONFIRMED", "0xa", "5", -1L, null), "confirmations", "below_minimum"),
                arguments(draft("obs_1", "FAILED", null, null, null, "2026-06-09T12:00:00.000Z"), null, null),
                arguments(draft("obs_1", "FAILED", null, null, null, "2026-06-09T14:00:00+02:00"), null, null),
                arguments(draft("obs_1", "FAILED", null, null, null, "2026-06-09 12:00"), "observedAt", "invalid_format"),
                arguments(draft("obs_1", "FAILED", null, null, null, "yesterday"), "observedAt", "invalid_format"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("rules")
    void each_observation_rule_is_checked(ObservationDraft draft, String field, String code) {
        List<Violation> violations;
        try {
            ObservationRules.check(draft, NOW);
            violations = List.of();
        } catch (DomainException e) {
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            violations = e.violations();
        }
        assertEquals(field == null ? List.of() : List.of(field + " " + code),
                violations.stream().map(v -> v.field() + " " + v.code()).toList());
    }

    @Test
    void a_valid_observation_keeps_every_value_and_defaults_its_time_to_now() {
        Observation observation = ObservationRules.check(draft("obs_1", "CONFIRMED", "0xa", "100.50", 12L, null), NOW);
        assertEquals(new Observation("obs_1", ObservationKind.CONFIRMED, "0xa", new Amount("100.50"), 12L, NOW),
                observation);
    }

    @Test
    void an_observation_time_with_an_offset_is_read_as_the_same_instant() {
        Observation observation = ObservationRules.check(
                draft("obs_1", "FAILED", null, null, null, "2026-06-09T14:00:00.123+02:00"), NOW);
        assertEquals(Instant.parse("2026-06-09T12:00:00.123Z"), observation.observedAt());
    }

    @Test
    void every_broken_rule_is_reported_together_with_what_the_adapter_found() {
        Violation wrongType = new Violation("confirmations", "invalid_type", "must be an integer");
        DomainException e = assertThrows(DomainException.class, () -> ObservationRules.check(
                draft(null, "CONFIRMED", null, null, null, "never"), List.of(wrongType), NOW));
        assertEquals(List.of("confirmations", "observationId", "txId", "amountReceived", "observedAt"),
                e.violations().stream().map(Violation::field).toList());
    }
}
