package dev.sluice.adapters.persistence;

class DepositSessionsH2Test extends DepositSessionsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }
}
