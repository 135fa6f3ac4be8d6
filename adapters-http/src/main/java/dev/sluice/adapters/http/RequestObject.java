package dev.sluice.adapters.http;

import dev.sluice.domain.shared.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request body read strictly: malformed JSON, a non-object body, unknown fields and
 * wrong JSON types all become violations, collected together, while every well-typed field is
 * still handed on so the use case can add its rule violations. {@code null} reads as absent.
 */
final class RequestObject {
    private final JsonNode node;
    private final List<Violation> violations = new ArrayList<>();

    private RequestObject(JsonNode node) {
        this.node = node;
    }

    static RequestObject parse(byte[] body, Set<String> knownFields) {
        JsonNode node;
        try {
            node = JsonIo.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return invalid("malformed_json", "must be a well-formed JSON document");
        }
        if (node == null || !node.isObject()) {
            return invalid("invalid_type", "must be a JSON object");
        }
        RequestObject request = new RequestObject(node);
        for (String name : node.propertyNames()) {
            if (!knownFields.contains(name)) {
                request.violations.add(new Violation(name, "unknown_field", "is not a known field"));
            }
        }
        return request;
    }

    private static RequestObject invalid(String code, String message) {
        RequestObject request = new RequestObject(JsonIo.object());
        request.violations.add(new Violation("body", code, message));
        return request;
    }

    /** Present in the body, {@code null} included: a partial update clears such a field. */
    boolean has(String field) {
        return node.has(field);
    }

    boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            return wrongType(field, "must be a string");
        }
        return value.stringValue();
    }

    List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isString()) {
                    return wrongType(field, "must be an array of strings");
                }
                items.add(item.stringValue());
            }
            return items;
        }
        return wrongType(field, "must be an array of strings");
    }

    Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isBoolean() ? value.booleanValue() : wrongType(field, "must be true or false");
    }

    Long integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isIntegralNumber() && value.canConvertToLong()
                ? value.longValue() : wrongType(field, "must be an integer");
    }

    /** A JSON object in its compact form, as the domain keeps it. */
    String objectJson(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isObject() ? JsonIo.MAPPER.writeValueAsString(value) : wrongType(field, "must be a JSON object");
    }

    void addViolation(Violation violation) {
        violations.add(violation);
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    private <T> T wrongType(String field, String message) {
        violations.add(new Violation(field, "invalid_type", message));
        return null;
    }
}
