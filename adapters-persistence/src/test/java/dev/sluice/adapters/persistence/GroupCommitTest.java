package dev.sluice.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.StoreBusyException;
import dev.sluice.application.port.out.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the group commit forms its transactions, with a writer that records them instead of a database. */
class GroupCommitTest {
    private final RecordingWriter writer = new RecordingWriter();
    private GroupCommit<String, String> commits;

    @AfterEach
    void close() {
        writer.open();
        if (commits != null) {
            commits.close();
        }
    }

    @Test
    void aLoneItemIsWrittenAtOnceInATransactionOfItsOwn() {
        commits = new GroupCommit<>("test-committer", 64, 100, writer);

        assertEquals("A", commits.submit("a"));
        assertEquals(List.of(List.of("a")), writer.committed());
        commits.submit("b");
        commits.submit("c");

        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), writer.committed());
    }

    @Test
    void itemsArrivingWhileATransactionRunsShareTheNextOne() throws Exception {
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        List<CompletableFuture<Outcome>> calls = queuedBehindAHeldTransaction(items(10));

        writer.open();

        assertCommitted(calls);
        assertEquals(List.of(1, 10), writer.committed().stream().map(List::size).toList());
    }

    @Test
    void eachCallerOfABatchGetsTheResultForItsOwnItem() throws Exception {
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        List<CompletableFuture<Outcome>> calls = queuedBehindAHeldTransaction(items(5));

        writer.open();

        List<String> results = new ArrayList<>();
        for (CompletableFuture<Outcome> call : calls) {
            results.add(call.get(10, TimeUnit.SECONDS).result());
        }
        assertEquals(List.of("FIRST", "ITEM-0", "ITEM-1", "ITEM-2", "ITEM-3", "ITEM-4"), results);
    }

    @Test
    void aBatchTakesAtMostItsMaximum() throws Exception {
        commits = new GroupCommit<>("test-committer", 4, 100, writer);
        List<CompletableFuture<Outcome>> calls = queuedBehindAHeldTransaction(items(10));

        writer.open();

        assertCommitted(calls);
        assertEquals(List.of(1, 4, 4, 2), writer.committed().stream().map(List::size).toList());
    }

    @Test
    void aFailingBatchIsWrittenAgainOneItemPerTransactionSoOnlyTheBadItemFails() throws Exception {
        IllegalStateException broken = new IllegalStateException("duplicate key");
        writer.failWhen(batch -> batch.contains("bad"), broken);
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        List<CompletableFuture<Outcome>> calls = queuedBehindAHeldTransaction(List.of("x", "bad", "y"));

        writer.open();

        assertCommitted(List.of(calls.get(0), calls.get(1), calls.get(3)));
        assertSame(broken, calls.get(2).get(10, TimeUnit.SECONDS).failure());
        assertEquals(List.of(List.of("first"), List.of("x"), List.of("y")), writer.committed());
        assertEquals(List.of(List.of("first"), List.of("x", "bad", "y"), List.of("x"), List.of("bad"), List.of("y")),
                writer.attempted());
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeBatchAtOnce() throws Exception {
        StoreUnavailableException down = new StoreUnavailableException("the database cannot be reached", null);
        writer.failWhen(batch -> batch.size() > 1, down);
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        List<CompletableFuture<Outcome>> calls = queuedBehindAHeldTransaction(List.of("a", "b", "c"));

        writer.open();

        assertCommitted(calls.subList(0, 1));
        for (CompletableFuture<Outcome> call : calls.subList(1, 4)) {
            assertSame(down, call.get(10, TimeUnit.SECONDS).failure());
        }
        assertEquals(2, writer.attempted().size(), "no retry one by one: " + writer.attempted());
    }

    @Test
    void beyondItsCapacityACallIsRefusedAtOnce() throws Exception {
        commits = new GroupCommit<>("test-committer", 1, 2, writer);
        List<CompletableFuture<Outcome>> calls = queuedBehindAHeldTransaction(List.of("a", "b"));

        assertThrows(StoreBusyException.class, () -> commits.submit("one too many"));

        writer.open();
        assertCommitted(calls);
    }

    @Test
    void closingWritesEverythingWaitingThenRefusesNewItems() throws Exception {
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        List<CompletableFuture<Outcome>> calls = queuedBehindAHeldTransaction(items(5));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(commits::close);

        writer.open();
        closed.get(10, TimeUnit.SECONDS);

        assertEquals(6, writer.committed().stream().mapToInt(List::size).sum(), "all written when close returned");
        assertCommitted(calls);
        assertInstanceOf(StoreUnavailableException.class,
                assertThrows(RuntimeException.class, () -> commits.submit("late")));
    }

    /** What one caller got: the result, or the failure. */
    private record Outcome(String result, RuntimeException failure) {
    }

    private static List<String> items(int count) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add("item-" + i);
        }
        return items;
    }

    /**
     * Submits "first" and holds its transaction open, then submits {@code items} and waits until
     * all of them wait behind it; the calls in order, "first" first. The test opens the writer.
     */
    private List<CompletableFuture<Outcome>> queuedBehindAHeldTransaction(List<String> items) throws Exception {
        writer.holdFirst();
        List<CompletableFuture<Outcome>> calls = new ArrayList<>();
        calls.add(submitted("first"));
        writer.awaitHeld();
        for (String item : items) {
            calls.add(submitted(item));
            // one at a time, so that they queue in this order
            awaitWaiting(calls.size() - 1);
        }
        return calls;
    }

    private static void assertCommitted(List<CompletableFuture<Outcome>> calls) throws Exception {
        for (CompletableFuture<Outcome> call : calls) {
            Outcome outcome = call.get(10, TimeUnit.SECONDS);
            assertNull(outcome.failure(), () -> String.valueOf(outcome.failure()));
        }
    }

    private CompletableFuture<Outcome> submitted(String item) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Outcome(commits.submit(item), null);
            } catch (RuntimeException failure) {
                return new Outcome(null, failure);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.waiting() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + commits.waiting() + " of " + count + " waiting");
            Thread.sleep(5);
        }
    }

    /**
     * Records every transaction; can hold the first one open, and fail those a predicate picks. The
     * result for an item is the item in capitals.
     */
    private static final class RecordingWriter implements Function<List<String>, List<String>> {
        private final List<List<String>> attempted = new CopyOnWriteArrayList<>();
        private final List<List<String>> committed = new CopyOnWriteArrayList<>();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean holdFirst;
        private Predicate<List<String>> fails = batch -> false;
        private RuntimeException failure;

        void holdFirst() {
            holdFirst = true;
        }

        void awaitHeld() throws InterruptedException {
            assertTrue(held.await(10, TimeUnit.SECONDS), "the first transaction started");
        }

        void open() {
            released.countDown();
        }

        void failWhen(Predicate<List<String>> fails, RuntimeException failure) {
            this.fails = fails;
            this.failure = failure;
        }

        List<List<String>> attempted() {
            return List.copyOf(attempted);
        }

        List<List<String>> committed() {
            return List.copyOf(committed);
        }

        @Override
        public List<String> apply(List<String> batch) {
            attempted.add(batch);
            if (holdFirst && held.getCount() > 0) {
                held.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (fails.test(batch)) {
                throw failure;
            }
            committed.add(batch);
            return batch.stream().map(String::toUpperCase).toList();
        }
    }
}
