package dev.sluice.bench;

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

    private final KafkaConsumer<String, String> consumer;
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
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
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
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
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

    private static long eventTime(String cloudEvent) {
        int at = cloudEvent.indexOf("\"time\":\"");
        if (at < 0) {
            throw new IllegalStateException("an event without time: " + cloudEvent);
        }
        int from = at + 8;
        return Instant.parse(cloudEvent.substring(from, cloudEvent.indexOf('"', from))).toEpochMilli();
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
