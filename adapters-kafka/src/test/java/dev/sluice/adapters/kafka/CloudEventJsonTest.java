package dev.sluice.adapters.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.cloudevents.CloudEventJson;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Metadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CloudEventJsonTest {
    private final CloudEventJson json = new CloudEventJson();
    private final JsonMapper mapper = JsonMapper.shared();

    @Test
    void confirmedEventHasTheContractShape() {
        SessionId id = new SessionId("dep_0123456789abcdef0123456789abcdef");
        SessionEvent confirmed = TestEvents.paidSession(id).get(2);

        String text = new String(json.toBytes(confirmed), StandardCharsets.UTF_8);

        assertEquals("{\"specversion\":\"1.0\",\"id\":\"" + confirmed.id().value() + "\","
                + "\"source\":\"/widgets/wdgt_0123456789abcdef0123456789abcdef\",\"type\":\"deposit.confirmed\","
                + "\"subject\":\"dep_0123456789abcdef0123456789abcdef\",\"time\":\"2026-06-09T12:02:00.000Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{"
                + "\"sessionId\":\"dep_0123456789abcdef0123456789abcdef\","
                + "\"widgetId\":\"wdgt_0123456789abcdef0123456789abcdef\",\"businessId\":\"biz_demo\","
                + "\"sequence\":3,\"status\":\"CONFIRMED\",\"previousStatus\":\"PENDING\",\"amount\":\"100.50\","
                + "\"amountReceived\":\"100.50\",\"currency\":\"USDC\",\"network\":\"polygon\","
                + "\"currencyAddress\":\"0x2791bca1f2de4661ed88a30c99a7a9449aa84174\",\"depositAddress\":\"0xMerchant\","
                + "\"txId\":\"0xabc123\",\"customerEmail\":null,\"customerReference\":\"order_1\","
                + "\"metadata\":{\"orderId\":\"A1\"},\"latePayment\":false,\"cancelled\":false,"
                + "\"expiresAt\":\"2026-06-09T12:30:00.000Z\",\"confirmedAt\":\"2026-06-09T12:02:00.000Z\","
                + "\"amountDue\":\"0\",\"payments\":[{\"txId\":\"0xabc123\",\"amount\":\"100.50\",\"confirmations\":12,"
                + "\"status\":\"CONFIRMED\",\"firstSeenAt\":\"2026-06-09T12:01:00.000Z\","
                + "\"confirmedAt\":\"2026-06-09T12:02:00.000Z\"}],\"testMode\":false}}", text);
    }

    @Test
    void creationHasNoPreviousStatusAndNullsForWhatIsNotKnownYet() {
        SessionEvent created = TestEvents.paidSession(SessionId.generate()).getFirst();

        JsonNode data = mapper.readTree(json.toBytes(created)).get("data");

        assertEquals("deposit.created", mapper.readTree(json.toBytes(created)).get("type").stringValue());
        for (String absent : List.of("previousStatus", "amountReceived", "txId", "customerEmail", "confirmedAt")) {
            assertTrue(data.get(absent).isNull(), absent + " should be null");
        }
        assertEquals(1, data.get("sequence").longValue());
    }

    @Test
    void metadataKeepsEveryDigitAndCharacterAsStored() {
        String stored = "{\"price\":1.10,\"huge\":1E+400,\"tiny\":-0.000000000000000000000001,"
                + "\"count\":123456789012345678901234567890,\"name\":\"caf\u00e9 \\u2028 \\\"q\\\"\","
                + "\"nested\":{\"list\":[1,2.50,null,true]}}";
        SessionEvent created = TestEvents.createdWith(SessionId.generate(), new Metadata(stored));

        String text = new String(json.toBytes(created), StandardCharsets.UTF_8);

        assertTrue(text.contains("\"metadata\":" + stored + ",\"latePayment\""), text);
    }

    @Test
    void storedMetadataThatIsNoJsonCannotBeRendered() {
        for (String damaged : List.of("{orderId: A1}", "{\"a\":1}{\"b\":2}", "{\"a\":[1,2}")) {
            SessionEvent created = TestEvents.createdWith(SessionId.generate(), new Metadata(damaged));
            assertThrows(RuntimeException.class, () -> json.toBytes(created), damaged);
        }
    }

    @Test
    void timestampsHaveMillisecondsAlwaysAndMatchTheIsoPatternForAnyYear() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-06-09T12:00:00Z"),
                Instant.parse("2028-02-29T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.001Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.5Z")));
        Random random = new Random(18);
        for (int i = 0; i < 2_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000)));
        }

        for (Instant instant : instants) {
            assertEquals(pattern.format(instant), CloudEventJson.timestamp(instant), instant.toString());
        }
        assertEquals("2026-06-09T12:00:00.000Z", CloudEventJson.timestamp(Instant.parse("2026-06-09T12:00:00Z")));
    }
}
