package dev.sluice.adapters.http;

import dev.sluice.cloudevents.CloudEventJson;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.OptionalLong;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/** The one JSON mapper, the body size limit, and how timestamps and JSON responses look. */
final class JsonIo {
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String JSON = "application/json; charset=UTF-8";

    /** Numbers stay as sent (api.md: metadata round-trips exactly), never through a double. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonIo() {
    }

    /** The contract's timestamp form, as the events carry it. */
    static String timestamp(Instant instant) {
        return CloudEventJson.timestamp(instant);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A stored compact JSON object (metadata, a schema) as a node that writes it as it is, {@code
     * null} staying null: it was parsed and written by Jackson when it was stored, and parsing it
     * again for every answer only to write it back was a fiftieth of Sluice's CPU under load.
     */
    static JsonNode raw(String compactJson) {
        return compactJson == null
                ? MAPPER.nullNode()
                : MAPPER.getNodeFactory().rawValueNode(new RawValue(compactJson));
    }

    /** The body of an endpoint that only a bearer token opens, whose token the authentication has verified. */
    static byte[] body(ServerRequest request) {
        return body(request, () -> { });
    }

    /**
     * The request body: at most {@link #MAX_BODY_BYTES}, JSON when present (413 and 415
     * otherwise), an absent body reading as zero bytes. When the body is refused,
     * {@code confirmCaller} runs first: a caller without a valid credential hears 401 whatever
     * it sent (api.md), and only a secret's owner (a use case) can tell a valid secret.
     */
    static byte[] body(ServerRequest request, Runnable confirmCaller) {
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_BODY_BYTES) {
            throw refused(HttpProblem.payloadTooLarge(), confirmCaller);
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        if (!request.headers().first(HeaderNames.CONTENT_TYPE).map(JsonIo::isJson).orElse(false)) {
            throw refused(HttpProblem.unsupportedMediaType(), confirmCaller);
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw refused(HttpProblem.payloadTooLarge(), confirmCaller);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpProblem refused(HttpProblem problem, Runnable confirmCaller) {
        confirmCaller.run();
        return problem;
    }

    /**
     * {@code application/json}, with a UTF-8 charset when one is named; media types and
     * parameter names compare case-insensitively (RFC 9110), and anything unparsable is not JSON.
     */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                return false;
            }
            String name = parameter.substring(0, equals).strip();
            String value = parameter.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (name.equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    static void send(ServerResponse response, Status status, JsonNode body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        response.send(MAPPER.writeValueAsBytes(body));
    }
}
