package dev.sluice.application.port.out;

import dev.sluice.domain.shared.Violation;
import java.util.List;

/** JSON Schema (draft 2020-12) checks for widget metadata schemas and session metadata. */
public interface MetadataSchemas {
    /** Violations (field {@code metadataSchema}) when {@code schemaJson} is not a valid schema. */
    List<Violation> checkSchema(String schemaJson);

    /** Violations (field {@code metadata/<json pointer>}, code {@code schema_mismatch}). */
    List<Violation> validate(String schemaJson, String metadataJson);
}
