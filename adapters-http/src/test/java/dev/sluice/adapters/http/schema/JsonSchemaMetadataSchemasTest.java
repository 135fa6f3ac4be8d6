package dev.sluice.adapters.http.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.domain.shared.Violation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    // A hang here is the finding itself: the bound only turns a hung build into a failed test.
    private static final Duration HANG = Duration.ofSeconds(20);

    @Test
    void aBacktrackingPatternRunsInLinearTime() {
        String schema = "{\"properties\":{\"p\":{\"pattern\":\"(.*a){25}\"}}}";
        assertEquals(List.of(), schemas.checkSchema(schema));
        String metadata = "{\"p\":\"" + "a".repeat(24) + "b".repeat(1500) + "\"}";
        List<Violation> violations = assertTimeoutPreemptively(HANG, () -> schemas.validate(schema, metadata));
        assertEquals(List.of("metadata/p"), violations.stream().map(Violation::field).toList());
    }

    @Test
    void patternPropertiesRunOnTheLinearEngineToo() {
        String schema = "{\"patternProperties\":{\"^(x+x+)+y$\":{\"type\":\"integer\"}}}";
        assertEquals(List.of(), schemas.checkSchema(schema));
        String metadata = "{\"" + "x".repeat(5000) + "y\":\"not an integer\"}";
        List<Violation> violations = assertTimeoutPreemptively(HANG, () -> schemas.validate(schema, metadata));
        assertEquals(1, violations.size(), violations::toString);
    }

    @Test
    void aPatternTheLinearEngineCannotRunIsRefused() {
        assertUnsupported("{\"properties\":{\"p\":{\"pattern\":\"(a)\\\\1\"}}}");
        assertUnsupported("{\"patternProperties\":{\"(?=a)b\":{}}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"$ref\":\"#\"}",
            "{\"properties\":{\"a\":{\"$ref\":\"#\"}}}",
            "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}",
            "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},\"b\":{\"items\":{\"$ref\":\"#/$defs/a\"}}},\"$ref\":\"#/$defs/a\"}",
            "{\"$defs\":{\"a\":{\"$anchor\":\"n\",\"properties\":{\"x\":{\"$ref\":\"#n\"}}}}}",
            "{\"$dynamicAnchor\":\"m\",\"properties\":{\"x\":{\"$dynamicRef\":\"#m\"}}}"})
    void referenceCyclesAreRefused(String schema) {
        assertUnsupported(schema);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"$ref\":\"classpath:application.yaml\"}",
            "{\"$ref\":\"classpath:no-such-file.yaml\"}",
            "{\"$ref\":\"file:///etc/passwd\"}",
            "{\"$ref\":\"other.json\"}",
            "{\"$ref\":\"#/$defs/missing\"}",
            "{\"$ref\":\"#missing-anchor\"}",
            "{\"$dynamicRef\":\"#nowhere\"}",
            "{\"$schema\":\"classpath:application.yaml\"}"})
    void referencesThatDoNotResolveInsideTheSchemaAreRefused(String schema) {
        assertUnsupported(schema);
    }

    @Test
    void localReferencesWithoutCyclesAreAccepted() {
        String schema = """
                {"$defs":{"id":{"type":"string","pattern":"^[A-Z][0-9]+$"},\
                "pair":{"type":"array","items":{"$ref":"#/$defs/id"}}},\
                "properties":{"orderId":{"$ref":"#/$defs/id"},"lines":{"$ref":"#/$defs/pair"},\
                "tag":{"$anchor":"tag","type":"string"},"tags":{"items":{"$ref":"#tag"}},\
                "const":{"const":{"$ref":"#"}}}}""";
        assertEquals(List.of(), schemas.checkSchema(schema));
        assertEquals(List.of(), schemas.validate(schema, "{\"orderId\":\"A1\",\"lines\":[\"B2\"],\"tags\":[\"t\"]}"));
        assertEquals(List.of("metadata/lines/0"),
                schemas.validate(schema, "{\"lines\":[\"b2\"]}").stream().map(Violation::field).toList());
    }

    @Test
    void nestingDeeperThanSixteenIsRefused() {
        assertEquals(List.of(), schemas.checkSchema(nestedProperties(16)));
        assertUnsupported(nestedProperties(17));
        assertUnsupported(nestedAnyOfPairs(24));
    }

    @Test
    void anExplosiveSchemaWithinTheLimitsStopsAtTheBudget() {
        String schema = nestedAnyOfPairs(15);
        assertEquals(List.of(), schemas.checkSchema(schema));
        List<Violation> violations = assertTimeoutPreemptively(HANG,
                () -> schemas.validate(schema, "{\"a\":{\"a\":{\"a\":{\"a\":1}}}}"));
        assertEquals(List.of(new Violation("metadata", "schema_too_complex",
                "takes too long to check against the widget's metadataSchema")), violations);
    }

    @Test
    void aStoredSchemaFromBeforeTheRulesIsNeverEvaluated() {
        List<Violation> violations = assertTimeoutPreemptively(HANG,
                () -> schemas.validate("{\"$ref\":\"#\"}", "{\"a\":1}"));
        assertEquals(List.of("schema_too_complex"), violations.stream().map(Violation::code).toList());
    }

    @Test
    void numbersAreCheckedAsSentNotAsDoubles() {
        String schema = "{\"properties\":{\"n\":{\"maximum\":1},\"big\":{\"type\":\"number\",\"maximum\":1e300}}}";
        assertEquals(List.of("metadata/n"), schemas.validate(schema, "{\"n\":1.00000000000000000001}").stream()
                .map(Violation::field).toList());
        assertEquals(List.of("metadata/big"), schemas.validate(schema, "{\"big\":1e400}").stream()
                .map(Violation::field).toList());
    }

    private void assertUnsupported(String schema) {
        List<Violation> violations = assertTimeoutPreemptively(HANG, () -> schemas.checkSchema(schema));
        assertEquals(List.of("metadataSchema"), violations.stream().map(Violation::field).distinct().toList(),
                violations::toString);
        assertEquals(List.of("unsupported_schema"), violations.stream().map(Violation::code).distinct().toList(),
                violations::toString);
    }

    /** Each level a schema inside {@code properties}: {@code depth} schemas deep. */
    private static String nestedProperties(int depth) {
        String schema = "{\"type\":\"string\"}";
        for (int i = 1; i < depth; i++) {
            schema = "{\"properties\":{\"a\":" + schema + "}}";
        }
        return schema;
    }

    /**
     * The finding's bomb: definitions each an {@code anyOf} of two references to the one below,
     * so the schema grows linearly and its evaluation doubles per level when nothing matches.
     */
    private static String nestedAnyOfPairs(int levels) {
        StringBuilder defs = new StringBuilder("\"d0\":{\"type\":\"string\"}");
        for (int i = 1; i <= levels; i++) {
            String below = "{\"$ref\":\"#/$defs/d" + (i - 1) + "\"}";
            defs.append(",\"d").append(i).append("\":{\"anyOf\":[").append(below).append(',').append(below)
                    .append("]}");
        }
        return "{\"$defs\":{" + defs + "},\"$ref\":\"#/$defs/d" + levels + "\"}";
    }
}
