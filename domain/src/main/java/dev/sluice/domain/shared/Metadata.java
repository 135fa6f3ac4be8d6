package dev.sluice.domain.shared;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Custom data a merchant attaches to a session: a JSON object in its compact UTF-8 form, kept
 * as text because the domain only bounds its size; its shape is checked against the widget's
 * schema through a port.
 */
public record Metadata(String compactJson) {
    public static final int MAX_BYTES = 2048;

    public Metadata {
        Objects.requireNonNull(compactJson, "compactJson");
        if (!compactJson.startsWith("{") || !compactJson.endsWith("}")) {
            throw new IllegalArgumentException("metadata must be a JSON object");
        }
        int bytes = byteLength(compactJson);
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("metadata must be 1-" + MAX_BYTES + " bytes");
        }
    }

    public static int byteLength(String compactJson) {
        return compactJson.getBytes(StandardCharsets.UTF_8).length;
    }
}
