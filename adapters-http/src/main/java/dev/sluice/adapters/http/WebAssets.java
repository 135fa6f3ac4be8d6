package dev.sluice.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The customer widget's files, read once from the jar: nothing is served from another host. */
final class WebAssets {
    private static final String FOLDER = "/dev/sluice/adapters/http/web/";
    private static final Map<String, String> TYPES = Map.of(
            "js", "application/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "html", "text/html; charset=UTF-8");

    record Asset(String contentType, byte[] bytes) {
    }

    private WebAssets() {
    }

    static Asset load(String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing web asset " + name);
            }
            return new Asset(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
