package dev.sluice.adapters.persistence;

class ObservationsMariaDbTest extends ObservationsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }
}
