package dev.sluice.adapters.persistence;

class WidgetsMariaDbTest extends WidgetsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }

    @Override
    PersistenceModule otherInstance() {
        return TestDatabases.mariaDbOther();
    }
}
