package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.amount;
import static dev.sluice.adapters.persistence.Columns.enumValue;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.number;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Amount;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session's payments both ways: rows of {@code deposit_payments} for the current state, and
 * the JSON array an {@code outbox_events} row keeps of them as they were right after its event.
 */
final class PaymentRows {
    static final String COLUMNS = "session_id, payment_number, tx_id, status, amount, amount_value, confirmations,"
            + " first_seen_at, confirmed_at";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PaymentRows() {
    }

    /** One row's parameters: {@code number} counts the session's payments from 1 in the order first seen. */
    static Map<String, Object> params(SessionId session, int number, Payment payment) {
        return Database.params(
                "session_id", session.value(),
                "payment_number", number,
                "tx_id", payment.txId(),
                "status", payment.status().name(),
                "amount", Columns.text(payment.amount()),
                "amount_value", Columns.value(payment.amount()),
                "confirmations", payment.confirmations(),
                "first_seen_at", utc(payment.firstSeenAt()),
                "confirmed_at", utc(payment.confirmedAt()));
    }

    record Row(String sessionId, Payment payment) {
    }

    static Row read(DbRow row) {
        return new Row(text(row, "session_id"), new Payment(
                text(row, "tx_id"),
                amount(row, "amount"),
                number(row, "confirmations"),
                enumValue(Payment.Status.class, row, "status"),
                instant(row, "first_seen_at"),
                instant(row, "confirmed_at")));
    }

    /** Rows of several sessions, ordered by session and number, grouped by session id. */
    static Map<String, List<Payment>> bySession(List<Row> rows) {
        Map<String, List<Payment>> grouped = new LinkedHashMap<>();
        for (Row row : rows) {
            grouped.computeIfAbsent(row.sessionId(), id -> new ArrayList<>()).add(row.payment());
        }
        return grouped;
    }

    static String json(List<Payment> payments) {
        if (payments.isEmpty()) {
            // every new session's event: no serializer for two characters on each create-session
            return "[]";
        }
        ArrayNode array = JSON.createArrayNode();
        for (Payment payment : payments) {
            ObjectNode node = array.addObject()
                    .put("txId", payment.txId())
                    .put("amount", Columns.text(payment.amount()))
                    .put("confirmations", payment.confirmations())
                    .put("status", payment.status().name())
                    .put("firstSeenAt", payment.firstSeenAt().toString());
            node.put("confirmedAt", payment.confirmedAt() == null ? null : payment.confirmedAt().toString());
        }
        return JSON.writeValueAsString(array);
    }

    static List<Payment> fromJson(String json) {
        List<Payment> payments = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            payments.add(new Payment(
                    node.get("txId").asString(),
                    node.get("amount").isNull() ? null : new Amount(node.get("amount").asString()),
                    node.get("confirmations").asLong(),
                    Payment.Status.valueOf(node.get("status").asString()),
                    Instant.parse(node.get("firstSeenAt").asString()),
                    node.get("confirmedAt").isNull() ? null : Instant.parse(node.get("confirmedAt").asString())));
        }
        return payments;
    }
}
