package dev.sluice.adapters.http;

import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The verification keys, read from a file or an https URL and kept in memory. A token naming
 * an unknown {@code kid} triggers a reload (the identity provider may have rotated its keys),
 * but at most once a minute, so that forged kids cannot make us hammer the provider.
 */
final class JwkSetSource {
    private static final System.Logger LOG = System.getLogger(JwkSetSource.class.getName());
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private final String location;
    private final Clock clock;
    private volatile JwkKeys keys;
    private Instant loadedAt;

    /** Loads the set at once, so that a wrong location stops the start. */
    JwkSetSource(String location, Clock clock) {
        this.location = location;
        this.clock = clock;
        this.keys = load();
        this.loadedAt = clock.instant();
    }

    Optional<Jwk> forKeyId(String kid) {
        Optional<Jwk> known = keys.forKeyId(kid);
        return known.isPresent() ? known : refreshed().forKeyId(kid);
    }

    private synchronized JwkKeys refreshed() {
        Instant now = clock.instant();
        if (now.isBefore(loadedAt.plus(MIN_REFRESH_INTERVAL))) {
            return keys;
        }
        loadedAt = now;
        try {
            keys = load();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot reload the JWK set, keeping the known keys: " + e.getMessage());
        }
        return keys;
    }

    private JwkKeys load() {
        try (JsonReader reader = Json.createReader(new StringReader(read()))) {
            return JwkKeys.create(reader.readObject());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the JWK set " + location + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("not a JWK set: " + location + ": " + e.getMessage(), e);
        }
    }

    private String read() throws IOException {
        if (!location.startsWith("https://")) {
            return Files.readString(Path.of(location));
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(location)).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
