package dev.sluice.adapters.kafka;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.domain.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Feeds {@code deposit-observations} into the same use case as the HTTP endpoint.
 *
 * <p>A partition's offset is committed only after the use case returned for its records, so a
 * crash replays them (the use case ignores a repeated observation id). A message that can never
 * succeed goes to the dead-letter topic with a reason header and its partition moves on; one
 * that failed for a passing reason (database down) is read again after a backoff, never skipped.
 */
public final class ObservationConsumer implements AutoCloseable {
    public static final String DEAD_LETTER_REASON_HEADER = "sluice-dlq-reason";

    private static final System.Logger LOG = System.getLogger(ObservationConsumer.class.getName());
    private static final Caller CALLER = new Caller.Internal("kafka");

    private final RecordObservation recordObservation;
    private final ObservationSettings settings;
    private final ObservationJson json = new ObservationJson();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private volatile long lag;
    private volatile boolean closed;
    private volatile Duration nextDelay = Duration.ZERO;
    private int failures;
    private boolean clientsClosed;
    private final Repeater loop;

    public ObservationConsumer(RecordObservation recordObservation, ObservationSettings settings) {
        this.recordObservation = recordObservation;
        this.settings = settings;
        this.loop = new Repeater("consumer", this::pollOnce, this::nextDelay);
        this.consumer = KafkaClients.consumer(settings);
        this.deadLetters = KafkaClients.producer(settings.bootstrapServers(), settings.sendTimeout());
        consumer.subscribe(List.of(settings.topic()));
    }

    /**
     * Polls once and handles what arrived. Never throws for Kafka or database trouble; a retry
     * shows in {@link #retryCount()} and a growing {@link #nextDelay()}.
     *
     * @return how many messages were done with (recorded or dead-lettered)
     */
    public int pollOnce() {
        pollLock.lock();
        try {
            if (closed) {
                return 0;
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
            // The poll moved every position past its records; until each is done, remember where to come back to.
            Map<TopicPartition, Long> resumeAt = new HashMap<>();
            records.partitions().forEach(p -> resumeAt.put(p, records.records(p).getFirst().offset()));
            int done = 0;
            boolean retry = false;
            try {
                for (TopicPartition partition : records.partitions()) {
                    Progress progress = handle(partition, records.records(partition), resumeAt);
                    done += progress.done();
                    retry |= progress.stopped();
                }
            } catch (KafkaException e) {
                resumeAt.forEach(consumer::seek);
                throw e;
            }
            lag = currentLag();
            paceAfter(retry);
            return done;
        } catch (WakeupException e) {
            return 0;
        } catch (KafkaException e) {
            LOG.log(System.Logger.Level.WARNING, "observation consumer poll failed: " + e);
            paceAfter(true);
            return 0;
        } finally {
            if (closed) {
                closeClients();
            }
            pollLock.unlock();
        }
    }

    /**
     * Handles a partition's records in order and commits after the last one done; on a passing
     * failure seeks back to that record so the next poll returns it again.
     */
    private Progress handle(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records,
            Map<TopicPartition, Long> resumeAt) {
        int done = 0;
        boolean stopped = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!handle(record)) {
                consumer.seek(partition, record.offset());
                stopped = true;
                break;
            }
            done++;
            resumeAt.put(partition, record.offset() + 1);
        }
        if (done > 0) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(resumeAt.get(partition))));
        }
        return new Progress(done, stopped);
    }

    /** How many records of a partition were done with, and whether a failure stopped it. */
    private record Progress(int done, boolean stopped) {
    }

    /** True when the record is done with: recorded or dead-lettered. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return deadLetter(record, "missing_key");
        }
        ObservationJson.Parsed parsed;
        try {
            parsed = json.parse(record.value());
        } catch (ObservationJson.NotJson e) {
            return deadLetter(record, "invalid_json");
        }
        try {
            recordObservation.record(CALLER, record.key(), parsed.draft(), parsed.violations());
            recorded.incrementAndGet();
            return true;
        } catch (DomainException e) {
            // The rules refused it; the same message would be refused again.
            return deadLetter(record, e.code().code());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "observation at " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " failed, retrying: " + e);
            retries.incrementAndGet();
            return false;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> letter =
                new ProducerRecord<>(settings.deadLetterTopic(), record.key(), record.value());
        letter.headers().add(DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter).get(settings.sendTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            deadLettered.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "observation at " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " dead-lettered: " + reason);
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.log(System.Logger.Level.WARNING, "dead-lettering failed, retrying: " + e);
            retries.incrementAndGet();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void paceAfter(boolean retry) {
        failures = retry ? failures + 1 : 0;
        nextDelay = settings.backoff().after(failures);
    }

    private long currentLag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        return total;
    }

    /** How long the loop waits before the next poll: zero normally, longer after failures. */
    public Duration nextDelay() {
        return nextDelay;
    }

    /** Polls on {@code scheduler} until {@link #close()}; a poll occupies one of its threads for up to {@code pollTimeout}. */
    public void start(ScheduledExecutorService scheduler) {
        loop.start(scheduler);
    }

    /**
     * Stops polling, waits up to {@code shutdownTimeout} for the message in hand, and closes the
     * clients; if that message is still busy, its poll closes them when it ends.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            loop.stop();
        }
        consumer.wakeup();
        try {
            if (pollLock.tryLock(settings.shutdownTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    closeClients();
                } finally {
                    pollLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClients() {
        if (!clientsClosed) {
            clientsClosed = true;
            consumer.close();
            deadLetters.close(settings.shutdownTimeout());
        }
    }

    /** Observations the use case accepted (repeats included). */
    public long recordedCount() {
        return recorded.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    /** Attempts that failed for a passing reason and will be repeated. */
    public long retryCount() {
        return retries.get();
    }

    /** Messages on the assigned partitions not yet read, as of the last poll. */
    public long lag() {
        return lag;
    }
}
