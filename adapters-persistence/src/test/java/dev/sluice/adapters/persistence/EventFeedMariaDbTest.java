package dev.sluice.adapters.persistence;

class EventFeedMariaDbTest extends EventFeedContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }
}
