package dev.sluice.adapters.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one place where Kafka client configuration is decided. */
final class KafkaClients {
    /**
     * The relay sends a pass's events at once, 1–2 KiB each: at the default 16 KiB a partition's
     * batch held about ten of them, and the broker's and producer's work goes by batch.
     */
    private static final int BATCH_BYTES = 256 * 1024;

    private KafkaClients() {
    }

    /**
     * An idempotent producer: with {@code acks=all} and at most 5 requests in flight, Kafka keeps
     * the records of one partition in send order and writes each once despite retries. Every
     * blocking step (metadata, request, delivery) is bounded by {@code sendTimeout}.
     */
    static KafkaProducer<String, byte[]> producer(String bootstrapServers, Duration sendTimeout) {
        // Kafka wants these as int and requires delivery.timeout >= linger + request.timeout.
        int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(10, sendTimeout.toMillis()));
        int linger = 5;
        int requestTimeout = Math.min(timeout - linger, 30_000);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer whose offsets move only when the code commits them, starting from the earliest
     * record when its group has none yet, so nothing sent before the first start is missed.
     */
    static KafkaConsumer<String, byte[]> consumer(ObservationSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
