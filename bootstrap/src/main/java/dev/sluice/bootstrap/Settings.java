package dev.sluice.bootstrap;

import io.helidon.config.Config;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings Sluice starts with: environment variables win over {@code application.yaml},
 * which wins over the embedded defaults. Every value is parsed here, at start, so that a bad
 * one stops the start with a line naming it instead of failing later.
 */
record Settings(
        int port,
        Path dataDir,
        Optional<Database> database,
        int dbPoolSize,
        Duration dbConnectTimeout,
        Optional<String> kafkaBootstrapServers,
        String eventsTopic,
        String observationsTopic,
        Optional<String> jwks,
        String jwtIssuer,
        String jwtAudience,
        Optional<byte[]> sessionSecretKey,
        int rateLimitPerMinute,
        Duration expirySweepInterval,
        Duration outboxRetention,
        LogFormat logFormat,
        int maxStreams,
        Optional<URI> publicUrl,
        Webhooks webhooks) {

    /**
     * The webhook sink's settings; {@code secretsKey} (AES-256, 32 bytes) falls back to one generated
     * into the data directory, which instances sharing a database must then share.
     */
    record Webhooks(boolean allowPrivate, int concurrency, int endpointConcurrency, Duration timeout, Duration lease,
            Optional<byte[]> secretsKey) {
        @Override
        public String toString() {
            return "Webhooks[allowPrivate=" + allowPrivate + ", concurrency=" + concurrency + "/" + endpointConcurrency
                    + ", timeout=" + timeout + ", lease=" + lease + ", secretsKey=" + (secretsKey.isPresent() ? "set" : "generated") + "]";
        }
    }

    record Database(String url, String user, String password) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + "]";
        }
    }

    static Settings load(Config yaml, Map<String, String> environment) {
        Source source = new Source(yaml.get("sluice"), environment);
        Optional<String> dbUrl = source.optional(Setting.DB_URL);
        dbUrl.filter(url -> !url.startsWith("jdbc:")).ifPresent(url -> {
            throw new InvalidSettingException(Setting.DB_URL, "must be a JDBC URL such as jdbc:mysql://host:3306/sluice");
        });
        return new Settings(
                source.parsed(Setting.PORT, Settings::port),
                source.parsed(Setting.DATA_DIR, Path::of),
                dbUrl.map(url -> new Database(url,
                        source.optional(Setting.DB_USER).orElse(""),
                        source.optional(Setting.DB_PASSWORD).orElse(""))),
                source.parsed(Setting.DB_POOL_SIZE, text -> positive(Integer.parseInt(text))),
                source.parsed(Setting.DB_CONNECT_TIMEOUT, Settings::duration),
                source.optional(Setting.KAFKA_BOOTSTRAP_SERVERS),
                source.required(Setting.KAFKA_EVENTS_TOPIC),
                source.required(Setting.KAFKA_OBSERVATIONS_TOPIC),
                source.optional(Setting.JWT_JWKS).map(jwks -> source.check(Setting.JWT_JWKS, jwks, Settings::jwksLocation)),
                source.required(Setting.JWT_ISSUER),
                source.required(Setting.JWT_AUDIENCE),
                source.optional(Setting.SESSION_SECRET_KEY)
                        .map(key -> source.check(Setting.SESSION_SECRET_KEY, key, Settings::secretKey)),
                source.parsed(Setting.RATE_LIMIT, text -> notNegative(Integer.parseInt(text))),
                source.parsed(Setting.EXPIRY_SWEEP_INTERVAL, Settings::duration),
                source.parsed(Setting.OUTBOX_RETENTION, Settings::duration),
                source.parsed(Setting.LOG_FORMAT, LogFormat::parse),
                source.parsed(Setting.MAX_STREAMS, text -> positive(Integer.parseInt(text))),
                source.optional(Setting.PUBLIC_URL).map(url -> source.check(Setting.PUBLIC_URL, url, Settings::publicUrl)),
                new Webhooks(
                        source.optional(Setting.WEBHOOKS_ALLOW_PRIVATE)
                                .map(text -> source.check(Setting.WEBHOOKS_ALLOW_PRIVATE, text, Settings::bool))
                                .orElse(dbUrl.isEmpty()),
                        source.parsed(Setting.WEBHOOKS_CONCURRENCY, text -> positive(Integer.parseInt(text))),
                        source.parsed(Setting.WEBHOOKS_ENDPOINT_CONCURRENCY, text -> positive(Integer.parseInt(text))),
                        source.parsed(Setting.WEBHOOKS_TIMEOUT, Settings::duration),
                        source.parsed(Setting.WEBHOOKS_LEASE, Settings::duration),
                        source.optional(Setting.SECRETS_KEY)
                                .map(key -> source.check(Setting.SECRETS_KEY, key, Settings::aesKey))));
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static byte[] aesKey(String base64) {
        byte[] key = Base64.getDecoder().decode(base64);
        if (key.length != 32) {
            throw new IllegalArgumentException("must be exactly 32 bytes, Base64-encoded");
        }
        return key;
    }

    boolean kafkaEnabled() {
        return kafkaBootstrapServers.isPresent();
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("must be a port number 0-65535 (0 picks a free one)");
        }
        return port;
    }

    private static int positive(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return value;
    }

    private static int notNegative(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("must be 0 or more");
        }
        return value;
    }

    private static Duration duration(String text) {
        Duration duration = Duration.parse(text);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be a positive ISO-8601 duration such as PT30M");
        }
        return duration;
    }

    private static String jwksLocation(String location) {
        if (location.startsWith("http://")) {
            throw new IllegalArgumentException("a JWK set URL must use https");
        }
        if (location.startsWith("https://")) {
            URI.create(location);
        }
        return location;
    }

    /** An origin browsers reach Sluice at: the hosted page and widget.js live at its root. */
    private static URI publicUrl(String text) {
        URI url = URI.create(text);
        boolean web = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
        String path = url.getRawPath();
        if (!web || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null
                || url.getRawUserInfo() != null || path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("must be an http(s) URL without a path, such as https://pay.example.com");
        }
        return url;
    }

    private static byte[] secretKey(String base64) {
        byte[] key = Base64.getDecoder().decode(base64);
        if (key.length < 32) {
            throw new IllegalArgumentException("must be at least 32 bytes, Base64-encoded");
        }
        return key;
    }

    /** Reads one setting from the environment first, then the YAML node. */
    private record Source(Config yaml, Map<String, String> environment) {
        Optional<String> optional(Setting setting) {
            String fromEnvironment = environment.get(setting.environmentVariable());
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return Optional.of(fromEnvironment.strip());
            }
            return yaml.get(setting.key()).asString().asOptional()
                    .filter(value -> !value.isBlank())
                    .or(() -> Optional.ofNullable(setting.defaultValue()));
        }

        String required(Setting setting) {
            return optional(setting).orElseThrow(() -> new InvalidSettingException(setting, "must be set"));
        }

        <T> T parsed(Setting setting, Function<String, T> parser) {
            return check(setting, required(setting), parser);
        }

        <T> T check(Setting setting, String text, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new InvalidSettingException(setting, "'" + text + "' is not valid");
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(setting, "'" + text + "' " + e.getMessage());
            }
        }
    }
}
