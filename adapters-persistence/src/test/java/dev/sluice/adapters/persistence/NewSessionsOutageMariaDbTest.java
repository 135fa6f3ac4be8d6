package dev.sluice.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.StoreUnavailableException;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.Widget;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database going away in the middle of a group commit: a transaction's session rows are
 * inserted, its event rows wait on a row lock, and then the connection breaks. Every caller of that
 * transaction gets {@link StoreUnavailableException} (the HTTP layer's 503) and none of its rows
 * remain; a session is stored exactly when its caller was told so.
 */
class NewSessionsOutageMariaDbTest {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    private final PersistenceModule direct = TestDatabases.mariaDb();

    @Test
    void anOutageMidBatchFailsEveryCallerOfTheBatchAndLeavesNoRow() throws Exception {
        Widget widget = Fixtures.storedWidget(direct, Fixtures.newBusiness(), NOW);
        Change first = Fixtures.newSession(widget, NOW);
        List<Change> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(Fixtures.newSession(widget, NOW));
        }
        // Another transaction holds the id of the batch's last event, so the transaction that holds
        // that event waits at its event INSERT, after its session INSERT went through.
        Change other = Fixtures.newSession(widget, NOW);
        SessionEvent blocked = batch.getLast().events().getFirst();
        Held holdsEvent = Held.open(direct, () -> {
            direct.depositSessions().add(other.session());
            direct.outbox().append(List.of(new SessionEvent(blocked.id(), 1, null, NOW, other.session())));
        });
        List<CompletableFuture<Optional<RuntimeException>>> callers = new ArrayList<>();
        URI server = URI.create(TestDatabases.mariaDbSettings().jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort());
                PersistenceModule proxied = PersistenceModule.connect(StoreUnavailableTest.throughProxy(proxy, server))) {
            JdbcNewSessions newSessions = (JdbcNewSessions) proxied.newSessions();
            // the committer's connection opens first, so that opening it on a busy machine cannot
            // outlast the test's short connection timeout
            assertTrue(newSessions.add(first, widget.version()));
            for (Change change : batch) {
                callers.add(added(newSessions, change, widget.version()));
            }
            awaitLockWait("INSERT INTO outbox_events");

            proxy.cut();

            for (CompletableFuture<Optional<RuntimeException>> caller : callers) {
                caller.get(10, TimeUnit.SECONDS);
            }
        } finally {
            holdsEvent.rollBack();
        }
        assertInstanceOf(StoreUnavailableException.class, callers.getLast().join().orElseThrow());
        List<String> committed = new ArrayList<>(List.of(first.events().getFirst().id().value()));
        for (int i = 0; i < batch.size(); i++) {
            Change change = batch.get(i);
            Optional<RuntimeException> outcome = callers.get(i).join();
            boolean stored = direct.depositSessions().findById(change.session().id()).isPresent();
            outcome.ifPresentOrElse(
                    failure -> assertInstanceOf(StoreUnavailableException.class, failure),
                    () -> committed.add(change.events().getFirst().id().value()));
            assertEquals(outcome.isEmpty(), stored, "a session is stored exactly when its caller was told so");
        }
        assertEquals(committed.stream().sorted().toList(), direct.eventFeed()
                .listForBusiness(widget.businessId(), Optional.empty(), 100).items().stream()
                .map(event -> event.id().value()).sorted().toList());
    }

    private static CompletableFuture<Optional<RuntimeException>> added(JdbcNewSessions newSessions, Change change,
            long widgetVersion) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                newSessions.add(change, widgetVersion);
                return Optional.empty();
            } catch (RuntimeException failure) {
                return Optional.of(failure);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    /**
     * Waits until a statement of this database that starts with {@code statement} has been running
     * for half a second: what holds it is the row lock. (InnoDB does not always list such a wait
     * as {@code LOCK WAIT} in {@code INNODB_TRX}; the process list shows the statement either way.)
     */
    private static void awaitLockWait(String statement) throws Exception {
        DatabaseSettings settings = TestDatabases.mariaDbSettings();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                settings.password());
                PreparedStatement waiting = connection.prepareStatement("SELECT COUNT(*)"
                        + " FROM information_schema.PROCESSLIST"
                        + " WHERE DB = DATABASE() AND INFO LIKE ? AND TIME_MS >= 500")) {
            waiting.setString(1, statement + "%");
            while (true) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "no " + statement + " waits for a lock");
                Thread.sleep(50);
            }
        }
    }

    /** A transaction held open on a thread of its own until {@link #rollBack}. */
    private static final class Held {
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        static Held open(PersistenceModule db, Runnable work) throws Exception {
            Held held = new Held();
            CountDownLatch started = new CountDownLatch(1);
            Thread.ofPlatform().start(() -> {
                try {
                    db.unitOfWork().inTransaction(() -> {
                        work.run();
                        started.countDown();
                        awaitUninterruptibly(held.release);
                        throw new RolledBack();
                    });
                } catch (RolledBack expected) {
                    held.ended.complete(null);
                } catch (RuntimeException e) {
                    started.countDown();
                    held.ended.completeExceptionally(e);
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            if (held.ended.isCompletedExceptionally()) {
                held.ended.join();
            }
            return held;
        }

        void rollBack() throws Exception {
            release.countDown();
            ended.get(10, TimeUnit.SECONDS);
        }

        private static void awaitUninterruptibly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static final class RolledBack extends RuntimeException {
        }
    }
}
