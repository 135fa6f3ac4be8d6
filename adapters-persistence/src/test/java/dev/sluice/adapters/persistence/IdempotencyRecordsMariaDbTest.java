package dev.sluice.adapters.persistence;

class IdempotencyRecordsMariaDbTest extends IdempotencyRecordsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }
}
