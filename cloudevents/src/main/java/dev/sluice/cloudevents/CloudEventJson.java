package dev.sluice.cloudevents;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.SessionEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session event as a CloudEvents 1.0 structured-mode JSON document (the contract's shape), the one
 * rendering every sink (Kafka, webhooks) and the events feed send, so that all carry the same bytes.
 */
public final class CloudEventJson {
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    // The contract writes every timestamp with exactly three fraction digits, even .000.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Metadata numbers as the customer sent them, never through a double (api.md). */
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    public byte[] toBytes(SessionEvent event) {
        return mapper.writeValueAsBytes(toNode(event));
    }

    public ObjectNode toNode(SessionEvent event) {
        DepositSession session = event.session();
        ObjectNode root = mapper.createObjectNode();
        root.put("specversion", "1.0");
        root.put("id", event.id().value());
        root.put("source", "/widgets/" + session.widgetId().value());
        root.put("type", event.type());
        root.put("subject", session.id().value());
        root.put("time", timestamp(event.occurredAt()));
        root.put("datacontenttype", "application/json");
        root.set("data", data(event));
        return root;
    }

    private ObjectNode data(SessionEvent event) {
        DepositSession session = event.session();
        DepositSession.Terms terms = session.terms();
        ObjectNode data = mapper.createObjectNode();
        data.put("sessionId", session.id().value());
        data.put("widgetId", session.widgetId().value());
        data.put("businessId", session.businessId().value());
        data.put("sequence", event.sequence());
        data.put("status", event.status().name());
        data.put("previousStatus", event.previousStatus() == null ? null : event.previousStatus().name());
        data.put("amount", terms.amount().text());
        data.put("amountReceived", text(session.amountReceived()));
        data.put("currency", terms.currency());
        data.put("network", terms.network());
        data.put("currencyAddress", terms.currencyAddress());
        data.put("depositAddress", terms.depositAddress());
        data.put("txId", session.txId());
        data.put("customerEmail", terms.customerEmail());
        data.put("customerReference", terms.customerReference());
        if (terms.metadata() == null) {
            data.putNull("metadata");
        } else {
            data.set("metadata", mapper.readTree(terms.metadata().compactJson()));
        }
        data.put("latePayment", session.latePayment());
        data.put("cancelled", session.cancelled());
        data.put("expiresAt", timestamp(session.expiresAt()));
        data.put("confirmedAt", timestamp(session.confirmedAt()));
        data.put("amountDue", text(session.amountDue()));
        ArrayNode payments = data.putArray("payments");
        for (Payment payment : session.payments()) {
            payments.addObject()
                    .put("txId", payment.txId())
                    .put("amount", payment.amount() == null ? null : payment.amount().text())
                    .put("confirmations", payment.confirmations())
                    .put("status", payment.status().name())
                    .put("firstSeenAt", timestamp(payment.firstSeenAt()))
                    .put("confirmedAt", timestamp(payment.confirmedAt()));
        }
        data.put("testMode", session.testMode());
        return data;
    }

    /** An exact decimal in plain notation, never with an exponent. */
    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }
}
