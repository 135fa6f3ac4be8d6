package dev.sluice.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Sluice's OpenAPI 3.1 document as a check on real responses: the operation is found by method and
 * path, its response by status, and the response's documented headers and body are validated with
 * networknt's JSON Schema validator in the OpenAPI 3.1 dialect, format assertions on. The
 * document's response schemas admit no undocumented property, so a field that the code sends and
 * the document does not name fails here.
 *
 * <p>Outside the operations: an unknown path must be the {@code NotFound} response, a known path
 * with another method the {@code MethodNotAllowed} response, and a CORS preflight ({@code OPTIONS}
 * with {@code Access-Control-Request-Method}) a 204 without body.
 */
public final class OpenApiContract {
    /** Where Sluice's HTTP adapter keeps the document, on the class path of every module that tests it. */
    public static final String RESOURCE = "/dev/sluice/adapters/http/openapi.yaml";
    private static final String DOCUMENT_IRI = "https://sluice.invalid/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile OpenApiContract sluice;

    /**
     * A response as received, with its request: method, path (a query is ignored), headers and body
     * ({@code null} when none was sent).
     */
    public record Exchange(String method, String path, Function<String, Optional<String>> requestHeaders,
            String requestBody, int status, Function<String, Optional<String>> responseHeaders, String body) {
    }

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        String json = JSON.writeValueAsString(document);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemaRegistryConfig(config)
                .schemas(Map.of(DOCUMENT_IRI, json))
                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    /** The document as Sluice ships it (one instance per JVM: compiled schemas are cached). */
    public static OpenApiContract sluice() {
        OpenApiContract contract = sluice;
        if (contract == null) {
            synchronized (OpenApiContract.class) {
                contract = sluice;
                if (contract == null) {
                    contract = fromYaml(resource());
                    sluice = contract;
                }
            }
        }
        return contract;
    }

    public static OpenApiContract fromYaml(byte[] yaml) {
        return new OpenApiContract(new YAMLMapper().readTree(yaml));
    }

    public JsonNode document() {
        return document;
    }

    /** Fails with every way the response departs from the document. */
    public void assertConforms(Exchange exchange) {
        List<String> problems = check(exchange);
        if (!problems.isEmpty()) {
            String body = exchange.body() == null ? "" : exchange.body();
            throw new AssertionError("the response to " + exchange.method() + " " + exchange.path() + " ("
                    + exchange.status() + ") does not conform to the OpenAPI document:\n  - "
                    + String.join("\n  - ", problems) + "\nbody: "
                    + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
        }
    }

    /** Every way the response departs from the document; empty when it conforms. */
    public List<String> check(Exchange exchange) {
        String path = exchange.path().split("\\?", 2)[0];
        Optional<String> template = template(path);
        if (template.isEmpty()) {
            return checkOutsideOperations(exchange, 404, "NotFound");
        }
        JsonNode pathItem = document.get("paths").get(template.get());
        String method = exchange.method().toLowerCase(Locale.ROOT);
        JsonNode operation = pathItem.get(method);
        if (operation == null) {
            if (method.equals("options") && exchange.status() == 204
                    && exchange.requestHeaders().apply("Access-Control-Request-Method").isPresent()) {
                return blank(exchange.body()) ? List.of() : List.of("a CORS preflight answer has no body");
            }
            return checkOutsideOperations(exchange, 405, "MethodNotAllowed");
        }
        String operationWhere = "#/paths/" + escape(template.get()) + "/" + method;
        String status = Integer.toString(exchange.status());
        JsonNode response = operation.path("responses").get(status);
        String where = operationWhere + "/responses/" + status;
        if (response == null) {
            return List.of("status " + status + " is not documented for " + exchange.method() + " " + template.get());
        }
        if (response.has("$ref")) {
            where = response.get("$ref").asString();
            response = resolve(where);
        }
        List<String> problems = new ArrayList<>(checkResponse(response, where, exchange));
        if (exchange.status() / 100 == 2) {
            problems.addAll(checkAcceptedRequest(operation, operationWhere, exchange));
        }
        return problems;
    }

    /**
     * A request the server accepted must be one the document allows, so that a client generated from
     * the document can send it: its JSON body is held against the operation's request schema.
     */
    private List<String> checkAcceptedRequest(JsonNode operation, String where, Exchange exchange) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").get("schema");
        if (schema == null || blank(exchange.requestBody())) {
            return List.of();
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.requestBody());
        } catch (JacksonException e) {
            return List.of("the server accepted a request body that is not JSON");
        }
        return validate(where + "/requestBody/content/application~1json/schema", body).stream()
                .map(problem -> "the accepted request body: " + problem)
                .toList();
    }

    /**
     * An answer no operation gave: the {@code expected} status must be the named response; any other
     * status (a request the web server refused before routing, say) must still be a problem document
     * with its request id, as the {@code BadRequest} response describes one.
     */
    private List<String> checkOutsideOperations(Exchange exchange, int expected, String response) {
        String name = exchange.status() == expected ? response : "BadRequest";
        List<String> problems = new ArrayList<>();
        if (exchange.status() < 400) {
            problems.add("status " + exchange.status() + " for a path or method the document does not have");
        }
        problems.addAll(checkResponse(document.get("components").get("responses").get(name),
                "#/components/responses/" + name, exchange));
        return problems;
    }

    private List<String> checkResponse(JsonNode response, String where, Exchange exchange) {
        List<String> problems = new ArrayList<>();
        JsonNode headers = response.path("headers");
        for (String name : headers.propertyNames()) {
            JsonNode header = headers.get(name);
            String headerWhere = where + "/headers/" + escape(name);
            if (header.has("$ref")) {
                headerWhere = header.get("$ref").asString();
                header = resolve(headerWhere);
            }
            Optional<String> value = exchange.responseHeaders().apply(name);
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("header " + name + " is missing");
                }
                continue;
            }
            JsonNode schemaNode = header.get("schema");
            boolean integer = schemaNode.path("type").asString("").equals("integer");
            JsonNode instance = integer && value.get().matches("-?\\d{1,18}")
                    ? JsonNodeFactory.instance.numberNode(Long.parseLong(value.get()))
                    : JsonNodeFactory.instance.stringNode(value.get());
            validate(headerWhere + "/schema", instance).forEach(e -> problems.add("header " + name + ": " + e));
        }
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            if (!blank(exchange.body())) {
                problems.add("the document gives no body for this response, but it has one");
            }
            return problems;
        }
        Optional<String> contentType = exchange.responseHeaders().apply("Content-Type");
        if (contentType.isEmpty()) {
            problems.add("Content-Type is missing");
            return problems;
        }
        String mediaType = contentType.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.get(mediaType);
        if (media == null) {
            problems.add("Content-Type " + mediaType + " is not documented; the document gives "
                    + content.propertyNames());
            return problems;
        }
        JsonNode body;
        if (mediaType.endsWith("json")) {
            try {
                body = JSON.readTree(exchange.body());
            } catch (JacksonException e) {
                problems.add("the body is not JSON: " + e.getOriginalMessage());
                return problems;
            }
        } else {
            body = JsonNodeFactory.instance.stringNode(exchange.body());
        }
        problems.addAll(validate(where + "/content/" + escape(mediaType) + "/schema", body));
        return problems;
    }

    /** Validates against the schema at {@code pointer} ({@code #/…}) in the document, where its references resolve. */
    public List<String> validate(String pointer, JsonNode instance) {
        Schema schema = schemas.computeIfAbsent(pointer, key -> {
            // a JSON pointer in a URI fragment: the braces of path templates are percent-encoded
            String fragment = key.replace("{", "%7B").replace("}", "%7D");
            Schema compiled = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + fragment));
            compiled.initializeValidators();
            return compiled;
        });
        return schema.validate(instance).stream()
                .sorted(Comparator.comparing(e -> e.getInstanceLocation().toString()))
                .map(OpenApiContract::describe)
                .distinct()
                .toList();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + " " + error.getMessage();
    }

    /**
     * The documented path template matching {@code path}; where several do, the one whose first
     * differing segment is literal, as OpenAPI matches concrete paths before templated ones.
     */
    private Optional<String> template(String path) {
        String[] segments = path.split("/", -1);
        return document.get("paths").propertyNames().stream()
                .filter(candidate -> matches(candidate.split("/", -1), segments))
                .min(Comparator.comparing(OpenApiContract::templatedness));
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean variable = template[i].startsWith("{") && template[i].endsWith("}");
            if (variable ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    /** "0" for each literal segment, "1" for each variable one: literal-first sorts lowest. */
    private static String templatedness(String template) {
        StringBuilder key = new StringBuilder();
        for (String segment : template.split("/", -1)) {
            key.append(segment.startsWith("{") ? '1' : '0');
        }
        return key.toString();
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local references are supported: " + ref);
        }
        JsonNode node = document.at(ref.substring(1));
        if (node.isMissingNode()) {
            throw new IllegalStateException("unresolved reference " + ref);
        }
        return node;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static boolean blank(String body) {
        return body == null || body.isEmpty();
    }

    private static byte[] resource() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: depend on sluice-adapters-http");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
