package dev.sluice.adapters.webhooks;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

class DeliveryStoreMariaDbTest extends DeliveryStoreContract {
    private static final HikariDataSource SOURCE = TestStores.migrated(TestStores.mariaDb());

    @Override
    DataSource dataSource() {
        return SOURCE;
    }

    @AfterAll
    static void close() {
        SOURCE.close();
    }
}
