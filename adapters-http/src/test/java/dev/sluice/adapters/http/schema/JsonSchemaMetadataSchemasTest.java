package dev.sluice.adapters.http.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.shared.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaMetadataSchemasTest {
    private static final String ORDER_SCHEMA = """
            {"type":"object","required":["orderId"],"properties":{"orderId":{"type":"string"},\
            "items":{"type":"array","items":{"type":"integer"}}}}""";

    private final JsonSchemaMetadataSchemas schemas = new JsonSchemaMetadataSchemas();

    @Test
    void matchingMetadataHasNoViolations() {
        assertEquals(List.of(), schemas.validate(ORDER_SCHEMA, "{\"orderId\":\"A1\",\"items\":[1,2]}"));
    }

    @Test
    void missingRequiredPropertyIsReportedAtItsPointer() {
        List<Violation> violations = schemas.validate(ORDER_SCHEMA, "{}");
        assertEquals(1, violations.size());
        assertEquals("metadata/orderId", violations.get(0).field());
        assertEquals("schema_mismatch", violations.get(0).code());
    }

    @Test
    void wrongTypeDeepInsideIsReportedAtItsPointer() {
        List<Violation> violations = schemas.validate(ORDER_SCHEMA, "{\"orderId\":\"A1\",\"items\":[1,\"two\"]}");
        assertEquals(List.of("metadata/items/1"), violations.stream().map(Violation::field).toList());
    }

    @Test
    void aValidSchemaPassesTheMetaSchema() {
        assertEquals(List.of(), schemas.checkSchema(ORDER_SCHEMA));
    }

    @Test
    void aSchemaBreakingTheMetaSchemaIsRefused() {
        List<Violation> violations = schemas.checkSchema("{\"type\":\"no-such-type\"}");
        assertFalse(violations.isEmpty());
        assertTrue(violations.stream().allMatch(v -> v.field().startsWith("metadataSchema")
                && v.code().equals("invalid_schema")), violations::toString);
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertEquals("invalid_format", schemas.checkSchema("{not json").get(0).code());
    }

    @Test
    void remoteReferencesAreNeverFetched() {
        List<Violation> violations = schemas.checkSchema("{\"$ref\":\"https://127.0.0.1:1/evil.json\"}");
        assertFalse(violations.isEmpty(), "a schema pointing at a remote document must be refused");
    }
}
