package dev.sluice.adapters.http.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.ValidationLimitExceededException;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.domain.shared.Violation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Widget metadata schemas checked with networknt's JSON Schema validator, draft 2020-12.
 *
 * <p>Schemas are merchant input and metadata is anyone's input (the widget secret is public), so
 * nothing here may take unbounded time, memory or stack: a schema must be within
 * {@link SchemaBounds} (self-contained, acyclic, shallow, linear patterns) to be accepted or
 * evaluated; patterns run on RE2/J, whose matching is linear in the input; and each evaluation
 * stops after {@value #MAX_EVALUATION_STEPS} steps, which an explosive combination of
 * {@code anyOf}s reaches in milliseconds while ordinary metadata of at most 2 KiB needs a few
 * hundred. Nothing is ever loaded from outside the schema: no remote fetch, no file, no class path.
 */
public final class JsonSchemaMetadataSchemas implements MetadataSchemas {
    private static final String METASCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final String METASCHEMA_HOME = "https://json-schema.org/";
    private static final int CACHE_LIMIT = 1_000;
    static final long MAX_EVALUATION_STEPS = 20_000;
    private static final int MAX_EVALUATION_DEPTH = 64;

    /** Numbers as sent: {@code 1.00000000000000000001} must not be checked as {@code 1.0}. */
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
    private volatile Validator validator;

    private static final Violation TOO_COMPLEX = new Violation("metadata", "schema_too_complex",
            "takes too long to check against the widget's metadataSchema");

    /**
     * The registry and the draft 2020-12 meta-schema. Built on first use, not with this object:
     * loading them takes about 0.4 s, which would otherwise be part of every start of Sluice.
     */
    private record Validator(SchemaRegistry registry, Schema metaSchema) {
        static Validator load() {
            SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                    .regularExpressionFactory(Re2jRegularExpressions.FACTORY)
                    .build();
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(config).schemaLoader(loader -> loader
                            .fetchRemoteResources(false)
                            .block(iri -> !iri.toString().startsWith(METASCHEMA_HOME))));
            return new Validator(registry, registry.getSchema(SchemaLocation.of(METASCHEMA)));
        }
    }

    @Override
    public List<Violation> checkSchema(String schemaJson) {
        JsonNode schema;
        try {
            schema = mapper.readTree(schemaJson);
        } catch (JacksonException e) {
            return List.of(new Violation("metadataSchema", "invalid_format", "must be JSON"));
        }
        List<Violation> violations = validator().metaSchema().validate(schema).stream()
                .sorted(Comparator.comparing(e -> e.getInstanceLocation().toString()))
                .map(error -> new Violation("metadataSchema" + pointer(error), "invalid_schema", error.getMessage()))
                .toList();
        if (!violations.isEmpty()) {
            return violations;
        }
        Optional<String> outOfBounds = SchemaBounds.problem(schema);
        if (outOfBounds.isPresent()) {
            return List.of(new Violation("metadataSchema", "unsupported_schema", outOfBounds.get()));
        }
        try {
            compile(schemaJson);
            return List.of();
        } catch (SchemaException | IllegalArgumentException e) {
            return List.of(new Violation("metadataSchema", "invalid_schema", "is not a usable JSON Schema"));
        }
    }

    @Override
    public List<Violation> validate(String schemaJson, String metadataJson) {
        Compiled schema = compile(schemaJson);
        if (schema.unusable()) {
            return List.of(TOO_COMPLEX);
        }
        List<Error> errors;
        try {
            errors = schema.schema().validate(mapper.readTree(metadataJson), context -> context.executionConfig(
                    config -> config.maxEvaluationSteps(MAX_EVALUATION_STEPS).maxEvaluationDepth(MAX_EVALUATION_DEPTH)));
        } catch (ValidationLimitExceededException e) {
            return List.of(TOO_COMPLEX);
        }
        return errors.stream()
                .map(error -> new Violation("metadata" + pointer(error), "schema_mismatch", error.getMessage()))
                .distinct()
                .toList();
    }

    /**
     * A schema ready to evaluate, or unusable: stored before the bounds existed and outside them
     * (never evaluated, so an old cyclic schema cannot overflow the stack).
     */
    private record Compiled(Schema schema) {
        boolean unusable() {
            return schema == null;
        }
    }

    private Compiled compile(String schemaJson) {
        if (compiled.size() > CACHE_LIMIT) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(schemaJson, json -> {
            if (SchemaBounds.problem(mapper.readTree(json)).isPresent()) {
                return new Compiled(null);
            }
            Schema schema = validator().registry().getSchema(json, InputFormat.JSON);
            schema.initializeValidators();
            return new Compiled(schema);
        });
    }

    private Validator validator() {
        Validator loaded = validator;
        if (loaded == null) {
            synchronized (this) {
                loaded = validator;
                if (loaded == null) {
                    loaded = Validator.load();
                    validator = loaded;
                }
            }
        }
        return loaded;
    }

    /**
     * The JSON pointer of the offending value; for a missing required property, the pointer of
     * the property that should be there, which is what a merchant needs to fix.
     */
    private static String pointer(Error error) {
        NodePath location = error.getInstanceLocation();
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(location.getElement(i))));
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer.append('/').append(escape(error.getProperty()));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
