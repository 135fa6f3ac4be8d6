package dev.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the events topic from the start and measures each event's lag: when this consumer got it
 * minus the CloudEvent's {@code time} (the session's creation instant, taken just before its
 * transaction), so the figure covers commit, relay pass, broker and fetch. Events are binned into
 * the window their {@code time} falls in.
 */
final class RelayLag implements AutoCloseable {
    private static final int PARTITIONS = 3;

    /** The events created in [startMillis, endMillis), and their lags. */
    static final class Window {
        final String name;
        final long startMillis;
        long endMillis = Long.MAX_VALUE;
        final Histogram lagMillis = new Histogram(3_600_000L, 3);

        Window(String name, long startMillis) {
            this.name = name;
            this.startMillis = startMillis;
        }
    }

    private static final byte[] TIME_PROPERTY = "\"time\":\"".getBytes(StandardCharsets.US_ASCII);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Window> windows = new ArrayList<>();
    private final Set<String> sessions = new HashSet<>();
    private final Thread thread;
    private long received;
    private volatile boolean running = true;

    RelayLag(String bootstrapServers, String topic) throws InterruptedException, ExecutionException {
        createTopic(bootstrapServers, topic);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // a fetch answered at the first byte made this consumer and the broker work per handful of
        // events; waiting up to 10 ms for 64 KiB adds at most that to a measured lag
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        // the value stays bytes: only its time is read, and this consumer shares the two cores with
        // Sluice, so it should not decode ~1.5 KB of text per event for nothing
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = Thread.ofPlatform().name("relay-lag").daemon().start(this::consume);
    }

    /** Created before Sluice's relay sends, so its partition count is known and the consumer need not wait for it. */
    private static void createTopic(String bootstrapServers, String topic) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void consume() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.currentTimeMillis();
                long time = eventTime(record.value());
                synchronized (this) {
                    received++;
                    sessions.add(record.key());
                    for (Window window : windows) {
                        if (time >= window.startMillis && time < window.endMillis) {
                            window.lagMillis.recordValue(Math.min(Math.max(0, now - time), 3_600_000L));
                        }
                    }
                }
            }
        }
        consumer.close();
    }

    private static long eventTime(byte[] cloudEvent) {
        int from = indexOf(cloudEvent, TIME_PROPERTY);
        if (from < 0) {
            throw new IllegalStateException("an event without time: " + new String(cloudEvent, StandardCharsets.UTF_8));
        }
        from += TIME_PROPERTY.length;
        int to = from;
        while (cloudEvent[to] != '"') {
            to++;
        }
        return Instant.parse(new String(cloudEvent, from, to - from, StandardCharsets.US_ASCII)).toEpochMilli();
    }

    private static int indexOf(byte[] text, byte[] part) {
        outer:
        for (int at = 0; at <= text.length - part.length; at++) {
            for (int i = 0; i < part.length; i++) {
                if (text[at + i] != part[i]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }

    synchronized Window open(String name) {
        Window window = new Window(name, System.currentTimeMillis());
        windows.add(window);
        return window;
    }

    synchronized void end(Window window) {
        window.endMillis = System.currentTimeMillis();
    }

    synchronized long received() {
        return received;
    }

    synchronized int distinctSessions() {
        return sessions.size();
    }

    /** Waits until {@code expected} distinct sessions arrived; returns how long that took, or -1 on timeout. */
    long awaitSessions(long expected, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (distinctSessions() < expected) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The lag of every event in {@code selected}, as one histogram. */
    synchronized Histogram merged(List<Window> selected) {
        Histogram all = new Histogram(3_600_000L, 3);
        selected.forEach(window -> all.add(window.lagMillis));
        return all;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
