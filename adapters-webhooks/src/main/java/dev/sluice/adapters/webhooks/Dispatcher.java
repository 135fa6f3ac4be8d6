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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook sink's loop: fans new committed events out into deliveries, then leases due ones,
 * each endpoint at most {@code perEndpoint} at a time and the instance at most {@code concurrency},
 * and attempts each on a virtual thread. An endpoint that hangs holds only its own few slots for
 * at most the attempt timeout; the Kafka relay shares nothing with this loop but the database.
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
    private volatile boolean closed;
    private Thread loop;

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
                try {
                    Thread.sleep(settings.pollInterval());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** One pass: fan out everything committed, then start the attempts that are due; returns how many started. */
    int runOnce() {
        Instant now = clock.now();
        while (store.fanOut(events, positioned -> new String(cloudEvents.toBytes(positioned.event()),
                StandardCharsets.UTF_8), settings.fanOutBatch(), now) == settings.fanOutBatch()) {
            now = clock.now();
        }
        int started = 0;
        for (String endpoint : store.endpointsWithDueDeliveries(now, ENDPOINTS_PER_PASS)) {
            int free = Math.min(slots.availablePermits(),
                    settings.perEndpoint() - inFlight.computeIfAbsent(endpoint, e -> new AtomicInteger()).get());
            if (slots.availablePermits() == 0) {
                break;
            }
            if (free <= 0) {
                continue;
            }
            for (Delivery delivery : store.claim(endpoint, free, now, settings.lease())) {
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
            if (store.record(delivery, result, now, next, settings.failingLimit())) {
                observer.attempted(delivery.endpointId(), result.succeeded() ? AttemptObserver.Outcome.DELIVERED
                        : next == null ? AttemptObserver.Outcome.FAILED : AttemptObserver.Outcome.RETRYING);
            }
        } catch (InterruptedException e) {
            // shutting down mid-attempt: another pass or instance sends it again, with the same webhook-id
            release(delivery);
        } catch (RuntimeException e) {
            // not recorded (database down): the lease runs out and the attempt is made again
            LOG.log(Level.WARNING, "webhook attempt of " + delivery + " not recorded: " + e);
        } finally {
            inFlight.get(delivery.endpointId()).decrementAndGet();
            slots.release();
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
