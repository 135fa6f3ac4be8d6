package dev.sluice.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.contract.StoreFixtures;
import dev.sluice.application.port.out.StoreUnavailableException;
import dev.sluice.domain.session.SessionId;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StoreUnavailableTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Scheduling slack on a busy machine. */
    private static final Duration MARGIN = Duration.ofMillis(1500);
    private static final String CLOSED_PORT = "jdbc:mysql://127.0.0.1:1/sluice";

    @Test
    void aDeadDatabaseFailsARepositoryCallWithinTheConnectionTimeout() {
        try (PersistenceModule db = PersistenceModule.connect(closedPort())) {
            assertUnavailableWithinTimeout(() -> db.depositSessions().findById(SessionId.generate()));
            assertUnavailableWithinTimeout(() -> db.unitOfWork().inTransaction(
                    () -> db.widgets().listLive(StoreFixtures.newBusiness())));
            assertUnavailableWithinTimeout(db::ping);
        }
    }

    @Test
    void migratingADeadDatabaseFailsWithTheSameTypedException() {
        assertUnavailableWithinTimeout(() -> PersistenceModule.migrate(closedPort()));
    }

    @Test
    void thePoolRecoversByItselfWhenTheDatabaseReturns() throws Exception {
        URI server = URI.create(TestDatabases.mariaDbSettings().jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort());
                PersistenceModule db = PersistenceModule.connect(throughProxy(proxy, server))) {
            db.ping();

            proxy.cut();
            assertUnavailableWithinTimeout(db::ping);

            proxy.restore();
            assertTrue(answersWithin(db, Duration.ofSeconds(10)), "the pool reconnected");
        }
    }

    private static DatabaseSettings closedPort() {
        return DatabaseSettings.of(CLOSED_PORT, "root", "").withConnectionTimeout(TIMEOUT);
    }

    static DatabaseSettings throughProxy(TcpProxy proxy, URI server) {
        DatabaseSettings direct = TestDatabases.mariaDbSettings();
        String url = "jdbc:mysql://127.0.0.1:" + proxy.port() + server.getRawPath()
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
        return new DatabaseSettings(url, direct.user(), direct.password(), 2, TIMEOUT, direct.queryTimeout());
    }

    private static void assertUnavailableWithinTimeout(Executable call) {
        long started = System.nanoTime();
        assertThrows(StoreUnavailableException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, "took " + took.toMillis() + " ms");
    }

    private static boolean answersWithin(PersistenceModule db, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                db.ping();
                return true;
            } catch (StoreUnavailableException stillDown) {
                Thread.sleep(100);
            }
        }
        return false;
    }
}
