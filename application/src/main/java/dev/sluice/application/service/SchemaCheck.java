package dev.sluice.application.service;

import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.WidgetRules;
import java.util.ArrayList;
import java.util.List;

/** Adds the JSON Schema verdict on a widget's metadataSchema to what the adapter already found. */
final class SchemaCheck {
    private SchemaCheck() {
    }

    /**
     * An oversized or wrongly typed schema is left to {@link WidgetRules}, so the caller hears
     * about it once, not also as an invalid schema.
     */
    static List<Violation> withSchemaViolations(MetadataSchemas schemas, String schemaJson,
            List<Violation> inputViolations) {
        List<Violation> found = new ArrayList<>(inputViolations);
        boolean alreadyReported = found.stream().anyMatch(v -> v.field().equals("metadataSchema"));
        if (schemaJson != null && !alreadyReported && WidgetRules.schemaWithinSize(schemaJson)) {
            found.addAll(schemas.checkSchema(schemaJson));
        }
        return found;
    }
}
