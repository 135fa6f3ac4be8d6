package dev.sluice.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.StoreBusyException;
import dev.sluice.application.port.out.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        writer.holdFirst();
        List<CompletableFuture<Optional<RuntimeException>>> calls = new ArrayList<>();
        calls.add(submitted("first"));
        writer.awaitHeld();
        for (int i = 0; i < 10; i++) {
            calls.add(submitted("item-" + i));
        }
        awaitWaiting(10);

        writer.open();

        for (CompletableFuture<Optional<RuntimeException>> call : calls) {
            assertEquals(Optional.empty(), call.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 10), writer.committed().stream().map(List::size).toList());
    }

    @Test
    void eachCallerOfABatchGetsTheResultForItsOwnItem() throws Exception {
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        writer.holdFirst();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commits.submit("first"),
                runnable -> Thread.ofVirtual().start(runnable));
        writer.awaitHeld();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String item = "item-" + i;
            calls.add(CompletableFuture.supplyAsync(() -> commits.submit(item),
                    runnable -> Thread.ofVirtual().start(runnable)));
        }
        awaitWaiting(5);

        writer.open();

        assertEquals("FIRST", first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < calls.size(); i++) {
            assertEquals("ITEM-" + i, calls.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 5), writer.committed().stream().map(List::size).toList());
    }

    @Test
    void aBatchTakesAtMostItsMaximum() throws Exception {
        commits = new GroupCommit<>("test-committer", 4, 100, writer);
        writer.holdFirst();
        List<CompletableFuture<Optional<RuntimeException>>> calls = new ArrayList<>();
        calls.add(submitted("first"));
        writer.awaitHeld();
        for (int i = 0; i < 10; i++) {
            calls.add(submitted("item-" + i));
        }
        awaitWaiting(10);

        writer.open();

        for (CompletableFuture<Optional<RuntimeException>> call : calls) {
            assertEquals(Optional.empty(), call.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 4, 4, 2), writer.committed().stream().map(List::size).toList());
    }

    @Test
    void aFailingBatchIsWrittenAgainOneItemPerTransactionSoOnlyTheBadItemFails() throws Exception {
        IllegalStateException broken = new IllegalStateException("duplicate key");
        writer.failWhen(batch -> batch.contains("bad"), broken);
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        writer.holdFirst();
        CompletableFuture<Optional<RuntimeException>> first = submitted("first");
        writer.awaitHeld();
        CompletableFuture<Optional<RuntimeException>> x = submitted("x");
        awaitWaiting(1);
        CompletableFuture<Optional<RuntimeException>> bad = submitted("bad");
        awaitWaiting(2);
        CompletableFuture<Optional<RuntimeException>> y = submitted("y");
        awaitWaiting(3);

        writer.open();

        assertEquals(Optional.empty(), first.get(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), x.get(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), y.get(10, TimeUnit.SECONDS));
        assertSame(broken, bad.get(10, TimeUnit.SECONDS).orElseThrow());
        assertEquals(List.of(List.of("first"), List.of("x"), List.of("y")), writer.committed());
        assertEquals(List.of(List.of("first"), List.of("x", "bad", "y"), List.of("x"), List.of("bad"), List.of("y")),
                writer.attempted());
    }

    @Test
    void anUnreachableDatabaseFailsTheWholeBatchAtOnce() throws Exception {
        StoreUnavailableException down = new StoreUnavailableException("the database cannot be reached", null);
        writer.failWhen(batch -> batch.size() > 1, down);
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        writer.holdFirst();
        CompletableFuture<Optional<RuntimeException>> first = submitted("first");
        writer.awaitHeld();
        List<CompletableFuture<Optional<RuntimeException>>> batch = List.of(submitted("a"), submitted("b"),
                submitted("c"));
        awaitWaiting(3);

        writer.open();

        assertEquals(Optional.empty(), first.get(10, TimeUnit.SECONDS));
        for (CompletableFuture<Optional<RuntimeException>> call : batch) {
            assertSame(down, call.get(10, TimeUnit.SECONDS).orElseThrow());
        }
        assertEquals(2, writer.attempted().size(), "no retry one by one: " + writer.attempted());
    }

    @Test
    void beyondItsCapacityACallIsRefusedAtOnce() throws Exception {
        commits = new GroupCommit<>("test-committer", 1, 2, writer);
        writer.holdFirst();
        CompletableFuture<Optional<RuntimeException>> first = submitted("first");
        writer.awaitHeld();
        List<CompletableFuture<Optional<RuntimeException>>> queued = List.of(submitted("a"), submitted("b"));
        awaitWaiting(2);

        assertThrows(StoreBusyException.class, () -> commits.submit("one too many"));

        writer.open();
        assertEquals(Optional.empty(), first.get(10, TimeUnit.SECONDS));
        for (CompletableFuture<Optional<RuntimeException>> call : queued) {
            assertEquals(Optional.empty(), call.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingWritesEverythingWaitingThenRefusesNewItems() throws Exception {
        commits = new GroupCommit<>("test-committer", 64, 100, writer);
        writer.holdFirst();
        List<CompletableFuture<Optional<RuntimeException>>> calls = new ArrayList<>();
        calls.add(submitted("first"));
        writer.awaitHeld();
        for (int i = 0; i < 5; i++) {
            calls.add(submitted("item-" + i));
        }
        awaitWaiting(5);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(commits::close);

        writer.open();
        closed.get(10, TimeUnit.SECONDS);

        for (CompletableFuture<Optional<RuntimeException>> call : calls) {
            assertTrue(call.isDone(), "answered before close returned");
            assertEquals(Optional.empty(), call.get());
        }
        assertEquals(6, writer.committed().stream().mapToInt(List::size).sum());
        assertInstanceOf(StoreUnavailableException.class,
                assertThrows(RuntimeException.class, () -> commits.submit("late")));
    }

    private CompletableFuture<Optional<RuntimeException>> submitted(String item) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                commits.submit(item);
                return Optional.empty();
            } catch (RuntimeException failure) {
                return Optional.of(failure);
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
