package dev.sluice.adapters.http.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.domain.shared.Violation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Widget metadata schemas checked with networknt's JSON Schema validator, draft 2020-12.
 * Schemas are merchant input: remote {@code $ref}s are never fetched, so a schema cannot make
 * Sluice call out to arbitrary hosts.
 */
public final class JsonSchemaMetadataSchemas implements MetadataSchemas {
    private static final String METASCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final int CACHE_LIMIT = 1_000;

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private volatile Validator validator;

    /**
     * The registry and the draft 2020-12 meta-schema. Built on first use, not with this object:
     * loading them takes about 0.4 s, which would otherwise be part of every start of Sluice.
     */
    private record Validator(SchemaRegistry registry, Schema metaSchema) {
        static Validator load() {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
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
        try {
            compile(schemaJson);
            return List.of();
        } catch (SchemaException | IllegalArgumentException e) {
            return List.of(new Violation("metadataSchema", "invalid_schema", "is not a usable JSON Schema"));
        }
    }

    @Override
    public List<Violation> validate(String schemaJson, String metadataJson) {
        return compile(schemaJson).validate(metadataJson, InputFormat.JSON).stream()
                .map(error -> new Violation("metadata" + pointer(error), "schema_mismatch", error.getMessage()))
                .distinct()
                .toList();
    }

    private Schema compile(String schemaJson) {
        if (compiled.size() > CACHE_LIMIT) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(schemaJson, json -> {
            Schema schema = validator().registry().getSchema(json, InputFormat.JSON);
            schema.initializeValidators();
            return schema;
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
