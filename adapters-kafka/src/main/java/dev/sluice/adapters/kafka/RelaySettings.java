package dev.sluice.adapters.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox relay talks to Kafka and paces itself.
 *
 * @param bootstrapServers Kafka's {@code host:port} list
 * @param topic            where session events go
 * @param batchSize        events claimed from the outbox per pass
 * @param lease            how long claimed events stay reserved for this instance; must outlast
 *                         a pass, or another instance may send them too
 * @param idleDelay        pause after a pass that found nothing to send
 * @param backoff          pause after failed passes while Kafka or the database is down
 * @param sendTimeout      how long one send may take before it counts as failed
 * @param retention        how long published events are kept before pruning
 * @param pruneInterval    how often the loop prunes
 * @param shutdownTimeout  how long {@code close()} waits for sends in flight
 */
public record RelaySettings(
        String bootstrapServers,
        String topic,
        int batchSize,
        Duration lease,
        Duration idleDelay,
        Backoff backoff,
        Duration sendTimeout,
        Duration retention,
        Duration pruneInterval,
        Duration shutdownTimeout) {

    public static final String DEFAULT_TOPIC = "deposit-session-events";

    public RelaySettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(backoff, "backoff");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        requirePositive(lease, "lease");
        requirePositive(sendTimeout, "sendTimeout");
        requirePositive(pruneInterval, "pruneInterval");
        requireNotNegative(idleDelay, "idleDelay");
        requireNotNegative(retention, "retention");
        requireNotNegative(shutdownTimeout, "shutdownTimeout");
        if (lease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("lease must be longer than sendTimeout");
        }
    }

    /**
     * A pass costs a few database round trips whatever its size, and on a saturated machine each
     * takes long, so the batch must be large enough to outpace the API: 2,000 events a pass.
     */
    public static RelaySettings defaults(String bootstrapServers) {
        return new RelaySettings(bootstrapServers, DEFAULT_TOPIC, 2_000, Duration.ofSeconds(60),
                Duration.ofMillis(100), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30)),
                Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofSeconds(10));
    }

    public RelaySettings withTopic(String newTopic) {
        return new RelaySettings(bootstrapServers, newTopic, batchSize, lease, idleDelay, backoff,
                sendTimeout, retention, pruneInterval, shutdownTimeout);
    }

    public RelaySettings withShutdownTimeout(Duration newShutdownTimeout) {
        return new RelaySettings(bootstrapServers, topic, batchSize, lease, idleDelay, backoff,
                sendTimeout, retention, pruneInterval, newShutdownTimeout);
    }

    public RelaySettings withRetention(Duration newRetention) {
        return new RelaySettings(bootstrapServers, topic, batchSize, lease, idleDelay, backoff,
                sendTimeout, newRetention, pruneInterval, shutdownTimeout);
    }

    static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
