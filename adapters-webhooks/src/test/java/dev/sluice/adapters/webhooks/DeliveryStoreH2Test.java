package dev.sluice.adapters.webhooks;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

class DeliveryStoreH2Test extends DeliveryStoreContract {
    private static final HikariDataSource SOURCE = TestStores.migrated(TestStores.h2("webhooks_contract"));

    @Override
    DataSource dataSource() {
        return SOURCE;
    }

    @AfterAll
    static void close() {
        SOURCE.close();
    }
}
