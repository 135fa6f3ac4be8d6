package dev.sluice.adapters.persistence;

class OutboxH2Test extends OutboxContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }

    @Override
    PersistenceModule otherInstance() {
        return TestDatabases.h2Other();
    }
}
