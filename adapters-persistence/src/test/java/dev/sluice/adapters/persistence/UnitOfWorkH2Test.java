package dev.sluice.adapters.persistence;

class UnitOfWorkH2Test extends UnitOfWorkContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }
}
