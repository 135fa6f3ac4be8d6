package dev.sluice.adapters.persistence;

class LongTextMariaDbTest extends LongTextContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }
}
