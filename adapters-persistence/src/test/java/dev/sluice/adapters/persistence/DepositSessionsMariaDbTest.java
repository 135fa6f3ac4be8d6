package dev.sluice.adapters.persistence;

class DepositSessionsMariaDbTest extends DepositSessionsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }
}
