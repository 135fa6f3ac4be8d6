package dev.sluice.adapters.http;

import dev.sluice.application.port.in.FollowSessionChanges;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open status streams of this instance and the one watcher that tells them about changes.
 * While at least one stream is open, the watcher asks the database every {@link #POLL} which
 * sessions changed since its last position (committed on any instance, in commit order) and
 * wakes the streams of those sessions; each stream then reads its session and writes it on its
 * own thread, so a slow reader holds up nobody. With no stream open the watcher asks nothing.
 * So the database sees a few queries per second per instance, whether one stream is open or
 * ten thousand, plus one read per change per stream watching the changed session.
 */
final class StatusStreams implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(250);
    private static final System.Logger LOG = System.getLogger(StatusStreams.class.getName());
    /** When a full instance's client should come back: streams end within the hour, many much sooner. */
    static final long RETRY_AFTER_SECONDS = 30;

    private final FollowSessionChanges changes;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong queries = new AtomicLong();
    private final Map<String, Set<Subscription>> bySession = new ConcurrentHashMap<>();
    private final ReentrantLock watch = new ReentrantLock();
    private boolean watching;
    private long position;
    private Thread watcher;
    private volatile boolean closed;

    StatusStreams(FollowSessionChanges changes, int maxStreams) {
        this.changes = changes;
        this.maxStreams = maxStreams;
    }

    /**
     * Subscribes to the changes of one session, before its state is read: a change committed after
     * that read is then positioned after the watcher's position and reaches the subscription.
     * Beyond {@code maxStreams} open streams, or while stopping: 503 with {@code Retry-After}.
     */
    Subscription open(String sessionId) {
        if (closed) {
            throw HttpProblem.serviceUnavailable(RETRY_AFTER_SECONDS, "stopping; retry on another instance");
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw HttpProblem.serviceUnavailable(RETRY_AFTER_SECONDS, "too many open status streams; retry later");
        }
        Subscription subscription = new Subscription(sessionId);
        watch.lock();
        try {
            if (!watching) {
                // after a quiet spell, follow from now: older changes concern no open stream
                position = changes.currentPosition();
                queries.incrementAndGet();
                watching = true;
                startWatcher();
            }
            bySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(subscription);
            return subscription;
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        } finally {
            watch.unlock();
        }
    }

    int openStreams() {
        return open.get();
    }

    /** Queries the watcher has sent to the database since start. */
    long watcherQueries() {
        return queries.get();
    }

    private void startWatcher() {
        if (watcher == null) {
            watcher = Thread.ofPlatform().name("sluice-status-watcher").daemon().start(this::watchLoop);
        }
    }

    private void watchLoop() {
        while (!closed) {
            try {
                Thread.sleep(POLL);
                tick();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database is down or slow: the position stays, and the next tick catches up
                LOG.log(System.Logger.Level.WARNING, "status stream watcher: " + e);
            }
        }
    }

    private void tick() {
        long from;
        watch.lock();
        try {
            if (bySession.isEmpty()) {
                watching = false;
                return;
            }
            from = position;
        } finally {
            watch.unlock();
        }
        queries.incrementAndGet();
        FollowSessionChanges.Changes found = changes.changesAfter(from);
        found.latestSequenceBySession().forEach((sessionId, sequence) ->
                bySession.getOrDefault(sessionId, Set.of()).forEach(s -> s.announce(sequence)));
        watch.lock();
        try {
            position = found.position();
        } finally {
            watch.unlock();
        }
    }

    /** Ends every open stream (they return at once) and the watcher; new streams get 503. */
    @Override
    public void close() {
        closed = true;
        bySession.values().forEach(subscriptions -> subscriptions.forEach(Subscription::end));
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    /** What a stream's thread waits on: the latest sequence announced for its session, or its end. */
    final class Subscription implements AutoCloseable {
        private final String sessionId;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition woken = lock.newCondition();
        private long announced;
        private boolean ended;

        private Subscription(String sessionId) {
            this.sessionId = sessionId;
        }

        void announce(long sequence) {
            lock.lock();
            try {
                announced = Math.max(announced, sequence);
                woken.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void end() {
            lock.lock();
            try {
                ended = true;
                woken.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Waits until a sequence after {@code seen} is announced (true), or until {@code nanos} have
         * passed or the stream is ended (false; {@link #ended()} tells which).
         */
        boolean awaitChangeAfter(long seen, long nanos) throws InterruptedException {
            lock.lock();
            try {
                long left = nanos;
                while (!ended && announced <= seen && left > 0) {
                    left = woken.awaitNanos(left);
                }
                return !ended && announced > seen;
            } finally {
                lock.unlock();
            }
        }

        boolean ended() {
            lock.lock();
            try {
                return ended || closed;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            bySession.computeIfPresent(sessionId, (id, subscriptions) -> {
                subscriptions.remove(this);
                return subscriptions.isEmpty() ? null : subscriptions;
            });
            open.decrementAndGet();
        }
    }
}
