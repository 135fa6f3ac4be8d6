package dev.sluice.adapters.persistence;

class MariaDbContractsTest extends DatabaseContracts {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }

    @Override
    PersistenceModule otherInstance() {
        return TestDatabases.mariaDbOther();
    }
}
