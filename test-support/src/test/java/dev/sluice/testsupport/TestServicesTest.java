package dev.sluice.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import dev.sluice.testsupport.TestServices.Database;
import org.junit.jupiter.api.Test;

class TestServicesTest {

    @Test
    void environmentNamesTheDatabase() {
        var env = Map.of(
                "SLUICE_TEST_DB_URL", "jdbc:mysql://db.example:3307/other",
                "SLUICE_TEST_DB_USER", "sluice",
                "SLUICE_TEST_DB_PASSWORD", "s3cret");

        assertEquals(Optional.of(new Database("jdbc:mysql://db.example:3307/other", "sluice", "s3cret")),
                TestServices.databaseFromEnv(env));
    }

    @Test
    void emptyPasswordFromCiIsKeptAndMissingUserMeansRoot() {
        var env = Map.of("SLUICE_TEST_DB_URL", "jdbc:mysql://127.0.0.1:3306/sluice_test",
                "SLUICE_TEST_DB_PASSWORD", "");

        assertEquals(Optional.of(new Database("jdbc:mysql://127.0.0.1:3306/sluice_test", "root", "")),
                TestServices.databaseFromEnv(env));
    }

    @Test
    void withoutUrlTheEnvironmentDoesNotDecide() {
        assertTrue(TestServices.databaseFromEnv(Map.of("SLUICE_TEST_DB_USER", "root")).isEmpty());
        assertTrue(TestServices.databaseFromEnv(Map.of("SLUICE_TEST_DB_URL", "  ")).isEmpty());
    }

    @Test
    void environmentNamesTheKafkaBroker() {
        assertEquals(Optional.of("broker-1:9092,broker-2:9092"),
                TestServices.kafkaFromEnv(Map.of("SLUICE_TEST_KAFKA_BOOTSTRAP", " broker-1:9092,broker-2:9092 ")));
        assertTrue(TestServices.kafkaFromEnv(Map.of()).isEmpty());
        assertTrue(TestServices.kafkaFromEnv(Map.of("SLUICE_TEST_KAFKA_BOOTSTRAP", "")).isEmpty());
    }
}
