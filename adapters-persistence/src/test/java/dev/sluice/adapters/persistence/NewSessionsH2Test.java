package dev.sluice.adapters.persistence;

class NewSessionsH2Test extends JdbcNewSessionsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.h2();
    }
}
