package dev.sluice.cloudevents;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.UtcMillis;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session event as a CloudEvents 1.0 structured-mode JSON document (the contract's shape), the one
 * rendering every sink (Kafka, webhooks) and the events feed send, so that all carry the same bytes.
 * Written straight to bytes, property by property: the relay renders every event once, and building
 * a tree first cost as much again.
 */
public final class CloudEventJson {
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** Metadata numbers as the customer sent them, never through a double (api.md). */
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    public byte[] toBytes(SessionEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = mapper.createGenerator(bytes)) {
            write(json, event);
        }
        return bytes.toByteArray();
    }

    /** The same document as a tree, for a response that lists events among other properties. */
    public ObjectNode toNode(SessionEvent event) {
        return (ObjectNode) mapper.readTree(toBytes(event));
    }

    private void write(JsonGenerator json, SessionEvent event) {
        DepositSession session = event.session();
        json.writeStartObject();
        json.writeStringProperty("specversion", "1.0");
        json.writeStringProperty("id", event.id().value());
        json.writeStringProperty("source", "/widgets/" + session.widgetId().value());
        json.writeStringProperty("type", event.type());
        json.writeStringProperty("subject", session.id().value());
        json.writeStringProperty("time", timestamp(event.occurredAt()));
        json.writeStringProperty("datacontenttype", "application/json");
        json.writeName("data");
        writeData(json, event);
        json.writeEndObject();
    }

    private void writeData(JsonGenerator json, SessionEvent event) {
        DepositSession session = event.session();
        DepositSession.Terms terms = session.terms();
        json.writeStartObject();
        json.writeStringProperty("sessionId", session.id().value());
        json.writeStringProperty("widgetId", session.widgetId().value());
        json.writeStringProperty("businessId", session.businessId().value());
        json.writeNumberProperty("sequence", event.sequence());
        json.writeStringProperty("status", event.status().name());
        json.writeStringProperty("previousStatus", event.previousStatus() == null ? null : event.previousStatus().name());
        json.writeStringProperty("amount", terms.amount().text());
        json.writeStringProperty("amountReceived", text(session.amountReceived()));
        json.writeStringProperty("currency", terms.currency());
        json.writeStringProperty("network", terms.network());
        json.writeStringProperty("currencyAddress", terms.currencyAddress());
        json.writeStringProperty("depositAddress", terms.depositAddress());
        json.writeStringProperty("txId", session.txId());
        json.writeStringProperty("customerEmail", terms.customerEmail());
        json.writeStringProperty("customerReference", terms.customerReference());
        json.writeName("metadata");
        if (terms.metadata() == null) {
            json.writeNull();
        } else {
            // stored as the compact JSON of what the customer sent: copied as it is, every digit as
            // sent, once it is known to be one JSON value (a damaged row must not become a broken event)
            String metadata = terms.metadata().compactJson();
            requireOneJsonValue(metadata);
            json.writeRawValue(metadata);
        }
        json.writeBooleanProperty("latePayment", session.latePayment());
        json.writeBooleanProperty("cancelled", session.cancelled());
        json.writeStringProperty("expiresAt", timestamp(session.expiresAt()));
        json.writeStringProperty("confirmedAt", timestamp(session.confirmedAt()));
        json.writeStringProperty("amountDue", text(session.amountDue()));
        json.writeArrayPropertyStart("payments");
        for (Payment payment : session.payments()) {
            json.writeStartObject();
            json.writeStringProperty("txId", payment.txId());
            json.writeStringProperty("amount", payment.amount() == null ? null : payment.amount().text());
            json.writeNumberProperty("confirmations", payment.confirmations());
            json.writeStringProperty("status", payment.status().name());
            json.writeStringProperty("firstSeenAt", timestamp(payment.firstSeenAt()));
            json.writeStringProperty("confirmedAt", timestamp(payment.confirmedAt()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanProperty("testMode", session.testMode());
        json.writeEndObject();
    }

    private void requireOneJsonValue(String text) {
        try (JsonParser parser = mapper.createParser(text)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("stored metadata is more than one JSON value");
            }
        }
    }

    /** An exact decimal in plain notation, never with an exponent. */
    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /** The contract's timestamp: UTC, milliseconds, {@code 2026-06-09T12:00:00.000Z}. */
    public static String timestamp(Instant instant) {
        return UtcMillis.contract(instant);
    }
}
