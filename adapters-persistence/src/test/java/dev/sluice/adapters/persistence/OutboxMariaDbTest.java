package dev.sluice.adapters.persistence;

class OutboxMariaDbTest extends OutboxContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }

    @Override
    PersistenceModule otherInstance() {
        return TestDatabases.mariaDbOther();
    }
}
