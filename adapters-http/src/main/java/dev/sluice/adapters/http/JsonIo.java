package dev.sluice.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper, the body size limit, and how timestamps and JSON responses look. */
final class JsonIo {
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String JSON = "application/json; charset=UTF-8";

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonIo() {
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A stored compact JSON object (metadata, a schema) as a node, {@code null} staying null. */
    static JsonNode raw(String compactJson) {
        return compactJson == null ? MAPPER.nullNode() : MAPPER.readTree(compactJson);
    }

    /**
     * The request body, at most {@link #MAX_BODY_BYTES}, which must be JSON when present
     * (413 and 415 otherwise). An absent body reads as zero bytes.
     */
    static byte[] body(ServerRequest request) {
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_BODY_BYTES) {
            throw HttpProblem.payloadTooLarge();
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        if (!request.headers().contentType().map(JsonIo::isJson).orElse(false)) {
            throw HttpProblem.unsupportedMediaType();
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw HttpProblem.payloadTooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJson(HttpMediaType type) {
        boolean utf8 = type.charset().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true);
        return utf8 && type.mediaType().type().equals("application") && type.mediaType().subtype().equals("json");
    }

    static void send(ServerResponse response, Status status, JsonNode body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        response.send(MAPPER.writeValueAsBytes(body));
    }
}
