package dev.sluice.adapters.kafka;

import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.cloudevents.CloudEventJson;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Moves events from the outbox to Kafka, at least once and in order per session.
 *
 * <p>A pass claims a batch and sends it in waves: wave k holds the k-th claimed event of every
 * session in the batch, and the next wave starts only after the broker acknowledged the
 * previous one, so a session's event n+1 never leaves before event n is acknowledged. Events
 * are marked published only after their acknowledgement; on any failure the pass stops, what was
 * not acknowledged stays unpublished for the next pass, and the loop backs off. Acknowledged
 * events whose marking failed (a deadlock, the database gone for a moment) are marked first thing
 * in the next pass, before its claim, so they are neither lost nor sent again: this instance holds
 * the relay's lease meanwhile, and no other relays them.
 *
 * <p>An event that fails for its own sake (it cannot be rendered, or the broker refuses that one
 * record with a non-retriable error) is no reason to stop the pass: its session leaves the pass,
 * the failure is counted on the event, and after {@value #POISON_ATTEMPTS} such failures the
 * outbox sets it aside, holding back that one session while every other flows.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    static final int POISON_ATTEMPTS = 5;

    private final Outbox outbox;
    private final RelaySettings settings;
    private final Clock clock;
    private final CloudEventJson json;
    private final KafkaProducer<String, byte[]> producer;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    // On the topic but not yet marked; guarded by passLock.
    private final List<EventId> unmarked = new ArrayList<>();

    private volatile boolean closed;
    private int failures;
    private volatile Duration nextDelay = Duration.ZERO;
    private Instant nextPruneAt = Instant.MIN;
    private final Repeater loop;

    public OutboxRelay(Outbox outbox, RelaySettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.loop = new Repeater("relay", () -> {
            runOnce();
            pruneIfDue();
        }, this::nextDelay);
        this.clock = clock;
        this.json = new CloudEventJson();
        this.producer = KafkaClients.producer(settings.bootstrapServers(), settings.sendTimeout());
    }

    /**
     * One pass: claims up to a batch, publishes it and marks what the broker acknowledged.
     * Never throws for Kafka or database trouble; that shows in {@link #sendErrorCount()} and
     * a growing {@link #nextDelay()}.
     *
     * @return how many events were published
     */
    public int runOnce() {
        passLock.lock();
        long before = published.get();
        try {
            if (closed) {
                return 0;
            }
            markUnmarked();
            List<SessionEvent> claimed = outbox.claimUnpublished(settings.batchSize(), settings.lease());
            publish(claimed);
            failures = 0;
            // Passes follow each other until one finds nothing: under steady traffic an event waits
            // for the pass in progress, not also for an idle pause (100 ms of the relay lag's p99).
            nextDelay = claimed.isEmpty() ? settings.idleDelay() : Duration.ZERO;
        } catch (RelayFailure | RuntimeException e) {
            sendErrors.incrementAndGet();
            failures++;
            nextDelay = settings.backoff().after(failures);
            LOG.log(System.Logger.Level.WARNING, "outbox relay pass failed, retrying in " + nextDelay + ": "
                    + (e.getCause() == null ? e : e.getCause()));
        } finally {
            passLock.unlock();
        }
        return Math.toIntExact(published.get() - before);
    }

    /** Deletes published events older than the retention; returns how many. */
    public int prune() {
        return outbox.prunePublishedBefore(clock.now().minus(settings.retention()));
    }

    /** How long the loop waits before the next pass: zero while a backlog drains, longer after failures. */
    public Duration nextDelay() {
        return nextDelay;
    }

    /** Runs passes on {@code scheduler} until {@link #close()}, pruning every {@code pruneInterval}. */
    public void start(ScheduledExecutorService scheduler) {
        loop.start(scheduler);
    }

    private void pruneIfDue() {
        Instant now = clock.now();
        if (closed || now.isBefore(nextPruneAt)) {
            return;
        }
        try {
            int pruned = prune();
            LOG.log(System.Logger.Level.DEBUG, "pruned " + pruned + " published events");
            nextPruneAt = now.plus(settings.pruneInterval());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pruning published events failed: " + e);
            nextPruneAt = now.plus(settings.backoff().max());
        }
    }

    /**
     * Stops the loop, lets the pass in progress finish its current wave (sends in flight are
     * awaited and marked, the rest left for the next relay) for up to {@code shutdownTimeout},
     * gives up the relay's lease, then closes the producer.
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
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        boolean passFinished = false;
        try {
            passFinished = passLock.tryLock(settings.shutdownTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (passFinished) {
                markBeforeClosing();
                giveUpLease();
            }
            // A pass still running after the timeout sees its sends fail; what it did not send stays
            // unpublished, and another instance relays it once this one's lease runs out.
            producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } finally {
            if (passFinished) {
                passLock.unlock();
            }
        }
    }

    public long publishedCount() {
        return published.get();
    }

    /** Failed passes: a send, a claim or a mark that did not go through. */
    public long sendErrorCount() {
        return sendErrors.get();
    }

    /** Events set aside after failing {@value #POISON_ATTEMPTS} times for their own sake, each holding back its session. */
    public long setAsideCount() {
        return setAside.get();
    }

    /** The outbox backlog, read from the database on each call. */
    public Outbox.Backlog backlog() {
        return outbox.backlog();
    }

    private void publish(List<SessionEvent> claimed) throws RelayFailure {
        Map<SessionId, Deque<SessionEvent>> bySession = new LinkedHashMap<>();
        claimed.stream()
                .sorted(Comparator.comparingLong(SessionEvent::sequence))
                .forEach(e -> bySession.computeIfAbsent(e.session().id(), id -> new ArrayDeque<>()).add(e));
        // whatever a failure or closing leaves unsent stays unpublished, for the next pass
        while (!bySession.isEmpty() && !closed) {
            markPublished(sendWave(bySession));
            bySession.values().removeIf(Deque::isEmpty);
        }
    }

    private void markPublished(List<EventId> acknowledged) {
        if (acknowledged.isEmpty()) {
            return;
        }
        try {
            outbox.markPublished(acknowledged);
        } catch (RuntimeException e) {
            unmarked.addAll(acknowledged);
            throw e;
        }
        published.addAndGet(acknowledged.size());
    }

    private void markUnmarked() {
        List<EventId> retry = List.copyOf(unmarked);
        unmarked.clear();
        markPublished(retry);
    }

    /** A last try for acknowledged events still unmarked; if it fails, the next relay sends them again. */
    private void markBeforeClosing() {
        try {
            markUnmarked();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not mark " + unmarked.size() + " published events: " + e);
        }
    }

    /** Lets another instance relay at once rather than when this one's lease runs out. */
    private void giveUpLease() {
        try {
            outbox.release();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not give up the relay lease, which runs out on its own: " + e);
        }
    }

    /**
     * Sends the first waiting event of every session and takes each off its queue once acknowledged.
     * A session whose event failed for its own sake leaves the pass (see the class comment).
     */
    private List<EventId> sendWave(Map<SessionId, Deque<SessionEvent>> bySession) throws RelayFailure {
        List<Future<RecordMetadata>> inFlight = new ArrayList<>();
        List<Deque<SessionEvent>> queues = new ArrayList<>();
        List<Deque<SessionEvent>> poisoned = new ArrayList<>();
        for (Deque<SessionEvent> queue : bySession.values()) {
            ProducerRecord<String, byte[]> record;
            try {
                record = record(queue.peekFirst());
            } catch (RuntimeException unrenderable) {
                LOG.log(System.Logger.Level.WARNING, "event " + queue.peekFirst().id() + " cannot be rendered: "
                        + unrenderable);
                poisoned.add(queue);
                continue;
            }
            Future<RecordMetadata> future = producer.send(record);
            inFlight.add(future);
            queues.add(queue);
            // Without broker metadata, send blocks for the whole timeout and then fails at once:
            // stop here rather than pay that wait once per session.
            if (future.state() == Future.State.FAILED && !refusesOnlyThisRecord(future.exceptionNow())) {
                break;
            }
        }
        List<EventId> acknowledged = new ArrayList<>();
        RelayFailure failure = null;
        long waitMillis = settings.sendTimeout().toMillis() * 2;
        for (int i = 0; i < inFlight.size(); i++) {
            try {
                inFlight.get(i).get(waitMillis, TimeUnit.MILLISECONDS);
                acknowledged.add(queues.get(i).removeFirst().id());
            } catch (ExecutionException e) {
                if (refusesOnlyThisRecord(e.getCause())) {
                    LOG.log(System.Logger.Level.WARNING, "the broker refused event " + queues.get(i).peekFirst().id()
                            + ": " + e.getCause());
                    poisoned.add(queues.get(i));
                } else {
                    failure = new RelayFailure("send failed", e.getCause() == null ? e : e.getCause());
                }
            } catch (TimeoutException e) {
                failure = new RelayFailure("send failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new RelayFailure("interrupted", e);
            }
        }
        setAsidePoisoned(poisoned, bySession);
        if (failure != null) {
            // Acknowledged events of this wave are on the topic: record that before giving up.
            markPublished(acknowledged);
            throw failure;
        }
        return acknowledged;
    }

    /** Not the broker's trouble but this record's: a retriable error (leader moved, timeout) is the broker's. */
    private static boolean refusesOnlyThisRecord(Throwable failure) {
        return failure instanceof ApiException && !(failure instanceof RetriableException)
                && !(failure instanceof AuthenticationException) && !(failure instanceof AuthorizationException);
    }

    /** Counts the failure on each poisoned session's first event and takes the session out of this pass. */
    private void setAsidePoisoned(List<Deque<SessionEvent>> poisoned, Map<SessionId, Deque<SessionEvent>> bySession) {
        for (Deque<SessionEvent> queue : poisoned) {
            SessionEvent event = queue.peekFirst();
            bySession.remove(event.session().id());
            if (outbox.recordFailure(event.id(), POISON_ATTEMPTS)) {
                setAside.incrementAndGet();
                LOG.log(System.Logger.Level.ERROR, "event " + event.id() + " failed " + POISON_ATTEMPTS
                        + " times and is set aside; session " + event.session().id() + " waits for an operator");
            }
        }
    }

    private ProducerRecord<String, byte[]> record(SessionEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(settings.topic(), event.session().id().value(), json.toBytes(event));
        record.headers().add("content-type", CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** A pass that stopped early; whatever it had not sent waits for the next. */
    private static final class RelayFailure extends Exception {
        RelayFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
