package dev.sluice.adapters.persistence;

class LongTextH2Test extends LongTextContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }
}
