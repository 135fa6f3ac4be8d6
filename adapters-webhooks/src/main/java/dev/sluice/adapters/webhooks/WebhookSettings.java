package dev.sluice.adapters.webhooks;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the webhook sink runs. {@link #defaults} are the contract's values (10 s per attempt, the
 * retry schedule, five days of failures, 24 h of double signatures); the rest bounds what one
 * instance does at once.
 *
 * @param concurrency attempts in flight at once on this instance
 * @param perEndpoint attempts in flight at once to one endpoint, so that a slow one cannot take them all
 */
public record WebhookSettings(Database database, byte[] secretsKey, boolean allowPrivate, int concurrency,
        int perEndpoint, Duration attemptTimeout, Duration lease, Duration pollInterval, int fanOutBatch,
        Duration failingLimit, Duration rotationOverlap, RetrySchedule schedule) {

    public record Database(String jdbcUrl, String user, String password, Map<String, String> driverProperties) {
        public Database {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            driverProperties = Map.copyOf(driverProperties);
        }

        @Override
        public String toString() {
            return "Database[" + jdbcUrl + ", user=" + user + "]";
        }
    }

    public WebhookSettings {
        Objects.requireNonNull(database, "database");
        secretsKey = secretsKey.clone();
        if (secretsKey.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 32 bytes");
        }
        if (concurrency < 1 || perEndpoint < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    public static WebhookSettings defaults(Database database, byte[] secretsKey, boolean allowPrivate) {
        return new WebhookSettings(database, secretsKey, allowPrivate, 128, 8, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofMillis(100), 500, Duration.ofDays(5), Duration.ofHours(24),
                RetrySchedule.CONTRACT);
    }

    public WebhookSettings withConcurrency(int total, int endpoint) {
        return new WebhookSettings(database, secretsKey, allowPrivate, total, endpoint, attemptTimeout, lease,
                pollInterval, fanOutBatch, failingLimit, rotationOverlap, schedule);
    }

    public WebhookSettings withAttemptTimeout(Duration timeout) {
        return new WebhookSettings(database, secretsKey, allowPrivate, concurrency, perEndpoint, timeout, lease,
                pollInterval, fanOutBatch, failingLimit, rotationOverlap, schedule);
    }

    public WebhookSettings withLease(Duration newLease) {
        return new WebhookSettings(database, secretsKey, allowPrivate, concurrency, perEndpoint, attemptTimeout,
                newLease, pollInterval, fanOutBatch, failingLimit, rotationOverlap, schedule);
    }

    @Override
    public String toString() {
        return "WebhookSettings[" + database + ", allowPrivate=" + allowPrivate + ", concurrency=" + concurrency
                + ", perEndpoint=" + perEndpoint + "]";
    }
}
