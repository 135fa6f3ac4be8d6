package dev.sluice.adapters.kafka;

import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.shared.Violations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an observation message (the body of the observations endpoint) strictly: unknown
 * fields and wrong JSON types become violations for the use case to report with its own;
 * {@code null} means absent.
 */
final class ObservationJson {
    private static final Set<String> TEXT_FIELDS = Set.of("observationId", "kind", "txId", "amountReceived", "observedAt");
    private static final String CONFIRMATIONS = "confirmations";

    /** A message that is not a JSON object at all. */
    static final class NotJson extends Exception {
        NotJson(String message) {
            super(message);
        }
    }

    record Parsed(ObservationDraft draft, List<Violation> violations) {
    }

    // A repeated field or text after the object is as malformed as a broken bracket.
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    Parsed parse(byte[] value) throws NotJson {
        JsonNode root;
        try {
            root = value == null ? null : mapper.readTree(value);
        } catch (JacksonException e) {
            throw new NotJson(e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new NotJson("not a JSON object");
        }
        Violations violations = new Violations();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (!TEXT_FIELDS.contains(name) && !CONFIRMATIONS.equals(name)) {
                violations.add(name, "unknown_field", "unknown field");
            } else if (node.isNull()) {
                continue;
            } else if (CONFIRMATIONS.equals(name) && !(node.isIntegralNumber() && node.canConvertToLong())) {
                violations.add(name, "invalid_type", "must be an integer");
            } else if (TEXT_FIELDS.contains(name) && !node.isString()) {
                violations.add(name, "invalid_type", "must be a string");
            }
        }
        ObservationDraft draft = new ObservationDraft(
                text(root, "observationId"),
                text(root, "kind"),
                text(root, "txId"),
                text(root, "amountReceived"),
                integer(root, CONFIRMATIONS),
                text(root, "observedAt"));
        return new Parsed(draft, violations.asList());
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static Long integer(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }
}
