package dev.sluice.bootstrap;

/**
 * Every setting of Sluice: its key in {@code application.yaml}, the environment variable that
 * overrides it, and the embedded default ({@code null}: unset unless configured).
 */
enum Setting {
    PORT("port", "SLUICE_PORT", "8080"),
    DATA_DIR("data-dir", "SLUICE_DATA_DIR", "./data"),
    DB_URL("db.url", "SLUICE_DB_URL", null),
    DB_USER("db.user", "SLUICE_DB_USER", null),
    DB_PASSWORD("db.password", "SLUICE_DB_PASSWORD", null),
    DB_POOL_SIZE("db.pool-size", "SLUICE_DB_POOL_SIZE", "16"),
    DB_CONNECT_TIMEOUT("db.connect-timeout", "SLUICE_DB_CONNECT_TIMEOUT", "PT2S"),
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap-servers", "SLUICE_KAFKA_BOOTSTRAP_SERVERS", null),
    KAFKA_EVENTS_TOPIC("kafka.events-topic", "SLUICE_KAFKA_EVENTS_TOPIC", "deposit-session-events"),
    KAFKA_OBSERVATIONS_TOPIC("kafka.observations-topic", "SLUICE_KAFKA_OBSERVATIONS_TOPIC", "deposit-observations"),
    JWT_JWKS("jwt.jwks", "SLUICE_JWT_JWKS", null),
    JWT_ISSUER("jwt.issuer", "SLUICE_JWT_ISSUER", "sluice-dev"),
    JWT_AUDIENCE("jwt.audience", "SLUICE_JWT_AUDIENCE", "sluice"),
    SESSION_SECRET_KEY("session.secret-key", "SLUICE_SESSION_SECRET_KEY", null),
    RATE_LIMIT("rate-limit", "SLUICE_RATE_LIMIT", "60"),
    EXPIRY_SWEEP_INTERVAL("expiry.sweep-interval", "SLUICE_EXPIRY_SWEEP_INTERVAL", "PT5S"),
    OUTBOX_RETENTION("outbox.retention", "SLUICE_OUTBOX_RETENTION", "P7D"),
    // unset: true on the embedded default (no database URL), false otherwise
    WEBHOOKS_ALLOW_PRIVATE("webhooks.allow-private", "SLUICE_WEBHOOKS_ALLOW_PRIVATE", null),
    WEBHOOKS_CONCURRENCY("webhooks.concurrency", "SLUICE_WEBHOOKS_CONCURRENCY", "128"),
    WEBHOOKS_ENDPOINT_CONCURRENCY("webhooks.endpoint-concurrency", "SLUICE_WEBHOOKS_ENDPOINT_CONCURRENCY", "8"),
    WEBHOOKS_TIMEOUT("webhooks.timeout", "SLUICE_WEBHOOKS_TIMEOUT", "PT10S"),
    WEBHOOKS_LEASE("webhooks.lease", "SLUICE_WEBHOOKS_LEASE", "PT60S"),
    SECRETS_KEY("secrets-key", "SLUICE_SECRETS_KEY", null),
    LOG_FORMAT("log-format", "SLUICE_LOG_FORMAT", "text"),
    MAX_STREAMS("streams.max", "SLUICE_MAX_STREAMS", "10000"),
    PUBLIC_URL("public-url", "SLUICE_PUBLIC_URL", null);

    private final String key;
    private final String environmentVariable;
    private final String defaultValue;

    Setting(String key, String environmentVariable, String defaultValue) {
        this.key = key;
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
    }

    /** The key under {@code sluice:} in application.yaml. */
    String key() {
        return key;
    }

    String environmentVariable() {
        return environmentVariable;
    }

    String defaultValue() {
        return defaultValue;
    }
}
