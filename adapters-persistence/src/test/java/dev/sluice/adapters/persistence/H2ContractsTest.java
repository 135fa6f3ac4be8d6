package dev.sluice.adapters.persistence;

class H2ContractsTest extends DatabaseContracts {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }

    @Override
    PersistenceModule otherInstance() {
        return TestDatabases.h2Other();
    }
}
