package dev.sluice.adapters.persistence;

class IdempotencyRecordsH2Test extends IdempotencyRecordsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }
}
