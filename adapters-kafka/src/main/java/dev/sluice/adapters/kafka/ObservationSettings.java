package dev.sluice.adapters.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How the observation consumer reads {@code deposit-observations}.
 *
 * @param bootstrapServers Kafka's {@code host:port} list
 * @param topic            observations, key = session id
 * @param deadLetterTopic  where messages that can never succeed go
 * @param groupId          consumer group shared by all Sluice instances
 * @param maxPollRecords   records handled per poll
 * @param pollTimeout      how long one poll waits for records
 * @param backoff          pause before retrying a message that failed for a passing reason
 * @param sendTimeout      how long a dead-letter send may take
 * @param shutdownTimeout  how long {@code close()} waits for the poll in progress
 */
public record ObservationSettings(
        String bootstrapServers,
        String topic,
        String deadLetterTopic,
        String groupId,
        int maxPollRecords,
        Duration pollTimeout,
        Backoff backoff,
        Duration sendTimeout,
        Duration shutdownTimeout) {

    public static final String DEFAULT_TOPIC = "deposit-observations";
    public static final String DEFAULT_GROUP_ID = "sluice-observations";

    public ObservationSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(backoff, "backoff");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be at least 1");
        }
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("deadLetterTopic must differ from topic");
        }
        RelaySettings.requirePositive(pollTimeout, "pollTimeout");
        RelaySettings.requirePositive(sendTimeout, "sendTimeout");
        RelaySettings.requireNotNegative(shutdownTimeout, "shutdownTimeout");
    }

    public static ObservationSettings defaults(String bootstrapServers) {
        return new ObservationSettings(bootstrapServers, DEFAULT_TOPIC, deadLetterTopicOf(DEFAULT_TOPIC),
                DEFAULT_GROUP_ID, 100, Duration.ofMillis(500),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30)), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    /** The topic and its dead-letter companion ({@code <topic>.dlq}). */
    public ObservationSettings withTopic(String newTopic) {
        return new ObservationSettings(bootstrapServers, newTopic, deadLetterTopicOf(newTopic), groupId,
                maxPollRecords, pollTimeout, backoff, sendTimeout, shutdownTimeout);
    }

    public ObservationSettings withGroupId(String newGroupId) {
        return new ObservationSettings(bootstrapServers, topic, deadLetterTopic, newGroupId,
                maxPollRecords, pollTimeout, backoff, sendTimeout, shutdownTimeout);
    }

    public ObservationSettings withShutdownTimeout(Duration newShutdownTimeout) {
        return new ObservationSettings(bootstrapServers, topic, deadLetterTopic, groupId,
                maxPollRecords, pollTimeout, backoff, sendTimeout, newShutdownTimeout);
    }

    static String deadLetterTopicOf(String topic) {
        return topic + ".dlq";
    }
}
