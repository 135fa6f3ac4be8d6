package dev.sluice.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which site a browser request speaks for. Usually the host of its {@code Origin}. The hosted
 * payment page runs on Sluice's own origin, so its requests would always pass as Sluice's own
 * site; they carry the embedding page's origin (the {@code event.origin} of the options message,
 * set by the browser) in {@code X-Sluice-Embedder-Origin} instead, and that is what the widget's
 * allowed domains are held against. Another site cannot borrow that header: it is not among the
 * headers a cross-origin request may send (see {@link Cors}), and a request with a
 * foreign {@code Origin} is judged by that {@code Origin} alone.
 */
final class Origins {
    static final HeaderName EMBEDDER_ORIGIN = HeaderNames.create("X-Sluice-Embedder-Origin");

    private final Supplier<URI> publicUrl;
    private volatile String own;

    /**
     * {@code publicUrl}: where browsers reach Sluice (SLUICE_PUBLIC_URL), asked on first use, as its
     * default names the port the server listens on, known only once it started.
     */
    Origins(Supplier<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** The serialised origin of {@code url} as a browser sends it: scheme, host, port unless the default. */
    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    String own() {
        String origin = own;
        if (origin == null) {
            origin = origin(publicUrl.get());
            own = origin;
        }
        return origin;
    }

    /**
     * The host to check against allowed domains; empty for a call that is not from a browser page.
     * Same-origin GETs carry no {@code Origin}, so the embedder header counts without one too.
     */
    Optional<String> host(ServerRequest request) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        boolean fromOwnPage = origin.map(o -> o.equalsIgnoreCase(own())).orElse(true);
        Optional<String> embedder = request.headers().first(EMBEDDER_ORIGIN);
        if (fromOwnPage && embedder.isPresent()) {
            return Optional.of(hostOf(embedder.get()));
        }
        return origin.map(Origins::hostOf);
    }

    /** A value without a host (such as {@code null}, an opaque origin) is kept whole, so it matches no domain. */
    private static String hostOf(String origin) {
        try {
            String host = URI.create(origin.strip()).getHost();
            return host == null ? origin : host;
        } catch (IllegalArgumentException e) {
            return origin;
        }
    }
}
