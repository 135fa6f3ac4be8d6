package dev.sluice.adapters.persistence;

import dev.sluice.application.port.out.StoreBusyException;
import dev.sluice.application.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes what concurrent callers hand in, in as few transactions as the load allows: one thread
 * takes everything waiting (up to {@code maxBatch} items), writes it in one transaction and then
 * answers each caller with the writer's result for its item. Nothing waits for company: a lone item is written as soon as it arrives, and
 * batches form only from what arrived while the previous transaction ran.
 *
 * <ul>
 * <li>{@link #submit} returns once the item's transaction committed and throws what the write threw otherwise.</li>
 * <li>A batch that fails for any reason but an unreachable database is written again one item per
 *     transaction, so that one bad row fails its own caller only.</li>
 * <li>An unreachable database fails the whole batch at once: retrying each item would make every
 *     caller wait the connection timeout once per item before it.</li>
 * <li>Beyond {@code capacity} waiting items, {@link #submit} refuses at once ({@link StoreBusyException}).</li>
 * <li>{@link #close} refuses new items, writes every item already waiting, then stops.</li>
 * </ul>
 */
final class GroupCommit<T, R> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final int maxBatch;
    private final int capacity;
    /** Writes its items in one transaction, all or none; a result for each item, in their order. */
    private final Function<List<T>, List<R>> writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Waiting<T, R>> queue = new ArrayDeque<>();
    private final Thread thread;
    private boolean closed;

    private record Waiting<T, R>(T item, CompletableFuture<R> committed) {
    }

    GroupCommit(String name, int maxBatch, int capacity, Function<List<T>, List<R>> writer) {
        if (maxBatch < 1 || capacity < maxBatch) {
            throw new IllegalArgumentException("a batch takes 1 to capacity items");
        }
        this.maxBatch = maxBatch;
        this.capacity = capacity;
        this.writer = writer;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** The writer's result for {@code item}, once its transaction committed; throws what the transaction threw. */
    R submit(T item) {
        Waiting<T, R> waiting = new Waiting<>(item, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw new StoreUnavailableException("the store is shutting down", null);
            }
            if (queue.size() >= capacity) {
                throw new StoreBusyException(capacity + " writes are waiting for the database already");
            }
            queue.add(waiting);
            arrived.signal();
        } finally {
            lock.unlock();
        }
        try {
            return waiting.committed().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Items waiting for a transaction (not those in the one running). */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        List<Waiting<T, R>> batch;
        while (!(batch = next()).isEmpty()) {
            write(batch);
        }
    }

    /** What waits, up to a batch; blocks while nothing does; empty once closed and drained. */
    private List<Waiting<T, R>> next() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                arrived.awaitUninterruptibly();
            }
            List<Waiting<T, R>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Waiting<T, R>> batch) {
        try {
            List<R> results = writer.apply(batch.stream().map(Waiting::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).committed().complete(results.get(i));
            }
        } catch (StoreUnavailableException unreachable) {
            batch.forEach(waiting -> waiting.committed().completeExceptionally(unreachable));
        } catch (RuntimeException | Error failure) {
            if (batch.size() == 1) {
                batch.getFirst().committed().completeExceptionally(failure);
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "a batch of " + batch.size() + " failed (" + failure
                    + "); writing its items one by one");
            batch.forEach(waiting -> write(List.of(waiting)));
        }
    }

    /**
     * Refuses new items and returns once every waiting one is written, or after {@link #DRAIN}: each
     * write is bounded by the database's timeouts, so the items left then are in a hung write.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
