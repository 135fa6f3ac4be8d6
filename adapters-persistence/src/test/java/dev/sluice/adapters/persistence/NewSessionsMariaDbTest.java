package dev.sluice.adapters.persistence;

class NewSessionsMariaDbTest extends JdbcNewSessionsContract {
    @Override
    PersistenceModule db() {
        return TestDatabases.mariaDb();
    }
}
