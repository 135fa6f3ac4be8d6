package dev.sluice.adapters.persistence;

class WidgetsH2Test extends WidgetsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }

    @Override
    PersistenceModule otherInstance() {
        return TestDatabases.h2Other();
    }
}
