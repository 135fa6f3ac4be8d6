package dev.sluice.adapters.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.shared.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ObservationJsonTest {
    private final ObservationJson json = new ObservationJson();

    private ObservationJson.Parsed parse(String text) throws ObservationJson.NotJson {
        return json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryFieldOfTheObservationBody() throws Exception {
        ObservationJson.Parsed parsed = parse("""
                {"observationId":"obs_1","kind":"CONFIRMED","txId":"0xabc","amountReceived":"100.5",
                 "confirmations":12,"observedAt":"2026-06-09T12:00:00.000Z"}""");

        assertEquals(new ObservationDraft("obs_1", "CONFIRMED", "0xabc", "100.5", 12L, "2026-06-09T12:00:00.000Z"),
                parsed.draft());
        assertEquals(List.of(), parsed.violations());
    }

    @Test
    void nullIsAbsence() throws Exception {
        ObservationJson.Parsed parsed = parse("{\"observationId\":\"obs_1\",\"kind\":\"FAILED\",\"txId\":null,\"confirmations\":null}");

        assertEquals(new ObservationDraft("obs_1", "FAILED", null, null, null, null), parsed.draft());
        assertEquals(List.of(), parsed.violations());
    }

    @Test
    void unknownFieldsAndWrongTypesAreAllReported() throws Exception {
        ObservationJson.Parsed parsed = parse("""
                {"observationId":7,"kind":"DETECTED","txId":"0xabc","amountReceived":100.5,
                 "confirmations":1.5,"colour":"red"}""");

        assertEquals(List.of(
                new Violation("observationId", "invalid_type", "must be a string"),
                new Violation("amountReceived", "invalid_type", "must be a string"),
                new Violation("confirmations", "invalid_type", "must be an integer"),
                new Violation("colour", "unknown_field", "unknown field")), parsed.violations());
        assertEquals(new ObservationDraft(null, "DETECTED", "0xabc", null, null, null), parsed.draft());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "[1,2]", "\"text\"", "{\"kind\":\"FAILED\"", "{\"kind\":\"A\",\"kind\":\"B\"}",
            "{\"kind\":\"FAILED\"} {}"})
    void anythingButOneJsonObjectIsNotJson(String text) {
        assertThrows(ObservationJson.NotJson.class, () -> parse(text));
    }
}
