package dev.sluice.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the tests find their MySQL-compatible database and their Kafka broker.
 *
 * <p>One place decides, so every module's tests run unchanged on CI (services exported by
 * {@code .ci/run}), on a laptop with Docker (Testcontainers) and on a machine without Docker
 * (services started by hand). Order: environment variables, then Testcontainers when a Docker
 * engine answers, then the local defaults. A test is never skipped for want of a service: if
 * none is found, it fails with a message saying how to start one.
 *
 * <p>Each service is chosen, and a container started, at most once per JVM, because starting
 * MySQL or Kafka costs seconds and the tests only need a place to connect to.
 */
public final class TestServices {

    /** Connection settings for the test database. */
    public record Database(String jdbcUrl, String user, String password) {
    }

    static final String DB_URL = "SLUICE_TEST_DB_URL";
    static final String DB_USER = "SLUICE_TEST_DB_USER";
    static final String DB_PASSWORD = "SLUICE_TEST_DB_PASSWORD";
    static final String KAFKA_BOOTSTRAP = "SLUICE_TEST_KAFKA_BOOTSTRAP";

    // The same database, account and broker that .ci/run prepares, so a developer can run one
    // test from the IDE after starting MariaDB and scripts/kafka.sh by hand.
    static final Database LOCAL_DATABASE =
            new Database("jdbc:mysql://127.0.0.1:3306/sluice_test", "root", "");
    static final String LOCAL_KAFKA = "127.0.0.1:9092";

    private static Database database;
    private static String kafkaBootstrapServers;
    private static Boolean dockerAvailable;
    // Held so the containers stay referenced for the life of the JVM; Testcontainers' reaper
    // removes them when the JVM exits.
    private static MySQLContainer<?> mysqlContainer;
    private static KafkaContainer kafkaContainer;

    private TestServices() {
    }

    public static synchronized Database database() {
        if (database == null) {
            database = databaseFromEnv(System.getenv()).orElseGet(() -> dockerAvailable()
                    ? startMysqlContainer()
                    : requireLocalDatabase());
        }
        return database;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            kafkaBootstrapServers = kafkaFromEnv(System.getenv()).orElseGet(() -> dockerAvailable()
                    ? startKafkaContainer()
                    : requireLocalKafka());
        }
        return kafkaBootstrapServers;
    }

    // Only the URL decides: CI exports an empty password, and a missing user or password
    // means the same root/empty account the local default uses.
    static Optional<Database> databaseFromEnv(Map<String, String> env) {
        return nonBlank(env.get(DB_URL)).map(url -> new Database(
                url,
                Optional.ofNullable(env.get(DB_USER)).orElse(LOCAL_DATABASE.user()),
                Optional.ofNullable(env.get(DB_PASSWORD)).orElse(LOCAL_DATABASE.password())));
    }

    static Optional<String> kafkaFromEnv(Map<String, String> env) {
        return nonBlank(env.get(KAFKA_BOOTSTRAP));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    // Asked at most once: without Docker, every probe walks all the connection strategies.
    private static boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAvailable;
    }

    private static Database startMysqlContainer() {
        // root with an empty password and the same schema name as CI, so tests see no difference.
        mysqlContainer = new MySQLContainer<>(DockerImageName.parse("mysql:8.4"))
                .withDatabaseName("sluice_test")
                .withUsername("root")
                .withPassword("");
        mysqlContainer.start();
        return new Database(mysqlContainer.getJdbcUrl(), mysqlContainer.getUsername(),
                mysqlContainer.getPassword());
    }

    private static String startKafkaContainer() {
        kafkaContainer = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"));
        kafkaContainer.start();
        return kafkaContainer.getBootstrapServers();
    }

    private static Database requireLocalDatabase() {
        requireListening("127.0.0.1", 3306, """
                No database for the tests: %s is not set, no Docker engine answers, and nothing \
                listens on 127.0.0.1:3306. Start MariaDB/MySQL there (root, empty password) with \
                a database: CREATE DATABASE sluice_test CHARACTER SET utf8mb4; or set %s, %s and \
                %s; or run everything with: bash .ci/run""".formatted(DB_URL, DB_URL, DB_USER, DB_PASSWORD));
        return LOCAL_DATABASE;
    }

    private static String requireLocalKafka() {
        requireListening("127.0.0.1", 9092, """
                No Kafka broker for the tests: %s is not set, no Docker engine answers, and \
                nothing listens on %s. Start one with: scripts/kafka.sh start (stop it with \
                scripts/kafka.sh stop); or set %s; or run everything with: bash .ci/run"""
                .formatted(KAFKA_BOOTSTRAP, LOCAL_KAFKA, KAFKA_BOOTSTRAP));
        return LOCAL_KAFKA;
    }

    private static void requireListening(String host, int port, String message) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException(message, e);
        }
    }
}
