package dev.sluice.adapters.persistence;

class EventFeedH2Test extends EventFeedContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }
}
