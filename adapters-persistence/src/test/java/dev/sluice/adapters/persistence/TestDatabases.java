package dev.sluice.adapters.persistence;

import dev.sluice.application.fakes.TestClock;
import dev.sluice.testsupport.TestServices;

/**
 * The databases the tests run on, each migrated once per JVM and shared by every test: the MariaDB
 * (or MySQL) of {@link TestServices}, whose rows outlive the run, and a private in-memory H2. A
 * second "instance" on each connects to the same database with a lease owner of its own, as another
 * Sluice process would.
 */
final class TestDatabases {
    /** The clock of every module here: the system's, unless a test moves it on (an outbox lease running out). */
    static final TestClock CLOCK = TestClock.running();

    private static PersistenceModule mariaDb;
    private static PersistenceModule mariaDbOther;
    private static PersistenceModule h2;
    private static PersistenceModule h2Other;

    private TestDatabases() {
    }

    static DatabaseSettings mariaDbSettings() {
        TestServices.Database database = TestServices.database();
        return DatabaseSettings.of(database.jdbcUrl(), database.user(), database.password());
    }

    static synchronized PersistenceModule mariaDb() {
        if (mariaDb == null) {
            mariaDb = PersistenceModule.open(mariaDbSettings(), CLOCK);
        }
        return mariaDb;
    }

    static synchronized PersistenceModule mariaDbOther() {
        if (mariaDbOther == null) {
            mariaDbOther = PersistenceModule.connect(mariaDbSettings(), CLOCK);
        }
        return mariaDbOther;
    }

    static synchronized PersistenceModule h2() {
        if (h2 == null) {
            h2 = PersistenceModule.open(DatabaseSettings.h2InMemory("contract"), CLOCK);
        }
        return h2;
    }

    static synchronized PersistenceModule h2Other() {
        if (h2Other == null) {
            h2Other = PersistenceModule.connect(DatabaseSettings.h2InMemory("contract"), CLOCK);
        }
        return h2Other;
    }
}
