package dev.sluice.adapters.persistence;

class ObservationsH2Test extends ObservationsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }
}
