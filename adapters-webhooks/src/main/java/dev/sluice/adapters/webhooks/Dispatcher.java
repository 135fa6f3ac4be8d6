package dev.sluice.adapters.webhooks;

import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.cloudevents.CloudEventJson;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The webhook sink's loop: fans new committed events out into deliveries, then leases due ones,
 * each endpoint at most {@code perEndpoint} at a time (one while its attempts keep failing) and the
 * instance at most {@code concurrency}, and attempts each on a virtual thread. An endpoint that
 * hangs holds only its own few slots for at most the attempt timeout; the Kafka relay shares
 * nothing with this loop but the database.
 */
final class Dispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final int ENDPOINTS_PER_PASS = 256;

    private final WebhookStore store;
    private final CommittedEvents events;
    private final CloudEventJson cloudEvents = new CloudEventJson();
    private final AddressPolicy addresses;
    private final Sender sender;
    private final WebhookSettings settings;
    private final Clock clock;
    private final InstantSource wallClock;
    private final Semaphore slots;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sluice-webhook-attempt-", 0).factory());
    private final AttemptObserver observer;
    private final Map<String, WebhookStore.DueEndpoint> dueEndpoints = new LinkedHashMap<>();
    // attempts done but not yet recorded: the loop records them all in one transaction
    private final Queue<WebhookStore.Attempted> finished = new ConcurrentLinkedQueue<>();
    private long lastFanOut = System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile boolean closed;
    private volatile Thread loop;

    Dispatcher(WebhookStore store, CommittedEvents events, AddressPolicy addresses, Sender sender,
            WebhookSettings settings, Clock clock, InstantSource wallClock, AttemptObserver observer) {
        this.store = store;
        this.events = events;
        this.addresses = addresses;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.wallClock = wallClock;
        this.slots = new Semaphore(settings.concurrency());
        this.observer = observer;
    }

    synchronized void start() {
        loop = Thread.ofPlatform().name("sluice-webhooks").daemon().start(() -> {
            while (!closed) {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    // the database is down, say: the next pass tries again, nothing is lost meanwhile
                    LOG.log(Level.WARNING, "webhook pass failed: " + e);
                }
                // a finished attempt wakes the loop at once: its slot can take the endpoint's next delivery
                LockSupport.parkNanos(settings.pollInterval().toNanos());
                if (Thread.interrupted()) {
                    return;
                }
            }
        });
    }

    /**
     * One pass: fans out what committed (at most every poll interval, at once while a backlog
     * drains), then leases due deliveries into free slots; returns how many attempts it started.
     * Which endpoints have due deliveries is asked once a poll interval too; between, a pass only
     * tops up the slots of the endpoints it knows, as attempts finish.
     */
    synchronized int runOnce() {
        recordFinished();
        Instant now = clock.now();
        long ticks = System.nanoTime();
        if (ticks - lastFanOut >= settings.pollInterval().toNanos()) {
            int taken;
            do {
                taken = store.fanOut(events, positioned -> new String(cloudEvents.toBytes(positioned.event()),
                        StandardCharsets.UTF_8), settings.fanOutBatch(), now);
            } while (taken == settings.fanOutBatch());
            lastFanOut = ticks;
            dueEndpoints.clear();
            store.endpointsWithDueDeliveries(now, ENDPOINTS_PER_PASS).forEach(due -> dueEndpoints.put(due.id(), due));
        }
        int started = 0;
        for (Iterator<WebhookStore.DueEndpoint> due = dueEndpoints.values().iterator();
                due.hasNext() && slots.availablePermits() > 0; ) {
            WebhookStore.DueEndpoint next = due.next();
            String endpoint = next.id();
            // an endpoint whose attempts keep failing (down, or answering slowly) gets one slot:
            // its retries hold no more than that while the healthy endpoints get theirs
            int cap = next.failing() ? 1 : settings.perEndpoint();
            int free = Math.min(slots.availablePermits(),
                    cap - inFlight.computeIfAbsent(endpoint, e -> new AtomicInteger()).get());
            if (free <= 0) {
                continue;
            }
            List<Delivery> claimed = store.claim(endpoint, free, now, settings.lease());
            if (claimed.size() < free) {
                // nothing more is due there for now
                due.remove();
            }
            for (Delivery delivery : claimed) {
                if (closed || !slots.tryAcquire()) {
                    store.release(List.of(delivery));
                    continue;
                }
                inFlight.get(endpoint).incrementAndGet();
                attempts.execute(() -> attempt(delivery));
                started++;
            }
        }
        return started;
    }

    private void attempt(Delivery delivery) {
        try {
            AttemptResult result = addresses.allows(URI.create(delivery.url()))
                    ? sender.send(delivery, wallClock.instant().getEpochSecond())
                    : new AttemptResult(null, "the address is not allowed", delivery.url());
            Instant now = clock.now();
            Instant next = result.succeeded() ? null
                    : settings.schedule().next(delivery.attempts() + 1, now, ThreadLocalRandom.current()::nextDouble);
            finished.add(new WebhookStore.Attempted(delivery, result, now, next));
        } catch (InterruptedException e) {
            // shutting down mid-attempt: another pass or instance sends it again, with the same webhook-id
            release(delivery);
        } catch (RuntimeException e) {
            // a bug, not the receiver's doing: the lease runs out and the attempt is made again
            LOG.log(Level.ERROR, "webhook attempt of " + delivery + " failed: " + e);
        } finally {
            inFlight.get(delivery.endpointId()).decrementAndGet();
            slots.release();
            Thread current = loop;
            if (current != null) {
                LockSupport.unpark(current);
            }
        }
    }

    /** Records the outcomes of the attempts done since the last pass, in one transaction. */
    private void recordFinished() {
        List<WebhookStore.Attempted> outcomes = new ArrayList<>();
        for (WebhookStore.Attempted outcome; (outcome = finished.poll()) != null; ) {
            outcomes.add(outcome);
        }
        if (outcomes.isEmpty()) {
            return;
        }
        List<Boolean> recorded;
        try {
            recorded = store.recordAll(outcomes, settings.failingLimit());
        } catch (RuntimeException e) {
            // not recorded (database down): their leases run out and the attempts are made again
            LOG.log(Level.WARNING, outcomes.size() + " webhook attempts not recorded: " + e);
            return;
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (recorded.get(i)) {
                WebhookStore.Attempted outcome = outcomes.get(i);
                observer.attempted(outcome.delivery().endpointId(), outcome.result().succeeded()
                        ? AttemptObserver.Outcome.DELIVERED
                        : outcome.next() == null ? AttemptObserver.Outcome.FAILED : AttemptObserver.Outcome.RETRYING);
            }
        }
    }

    private void release(Delivery delivery) {
        try {
            store.release(List.of(delivery));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give back " + delivery + ": " + e);
        }
    }

    /**
     * Stops leasing, gives attempts in flight {@code drain} to finish and record their outcome,
     * then interrupts the rest, whose leases are given back.
     */
    void close(Duration drain) {
        closed = true;
        Thread current;
        synchronized (this) {
            current = loop;
        }
        if (current != null) {
            current.interrupt();
            joinQuietly(current);
        }
        attempts.shutdown();
        try {
            if (!attempts.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                attempts.shutdownNow();
                attempts.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // what the receivers acknowledged is recorded, so that no restart sends it again
        synchronized (this) {
            recordFinished();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
