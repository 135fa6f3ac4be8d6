package dev.sluice.application.fakes;

import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.domain.shared.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for a JSON Schema library with two tiny rules: a schema is invalid when it contains
 * {@code "type":"nonsense"}, and a schema containing {@code "required":["orderId"]} rejects metadata
 * without an {@code "orderId"} key. Remembers what it was asked.
 */
public final class FakeMetadataSchemas implements MetadataSchemas {
    private final List<String> checkedSchemas = new ArrayList<>();
    private final List<String> validatedMetadata = new ArrayList<>();

    @Override
    public List<Violation> checkSchema(String schemaJson) {
        checkedSchemas.add(schemaJson);
        return schemaJson.contains("\"type\":\"nonsense\"")
                ? List.of(new Violation("metadataSchema", "invalid_schema", "/type: unknown type nonsense"))
                : List.of();
    }

    @Override
    public List<Violation> validate(String schemaJson, String metadataJson) {
        validatedMetadata.add(metadataJson);
        return schemaJson.contains("\"required\":[\"orderId\"]") && !metadataJson.contains("\"orderId\"")
                ? List.of(new Violation("metadata/orderId", "schema_mismatch", "required property missing"))
                : List.of();
    }

    public List<String> checkedSchemas() {
        return List.copyOf(checkedSchemas);
    }

    public List<String> validatedMetadata() {
        return List.copyOf(validatedMetadata);
    }
}
