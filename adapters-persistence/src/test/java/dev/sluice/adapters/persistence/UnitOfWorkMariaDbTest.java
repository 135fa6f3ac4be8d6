package dev.sluice.adapters.persistence;

class UnitOfWorkMariaDbTest extends UnitOfWorkContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }
}
