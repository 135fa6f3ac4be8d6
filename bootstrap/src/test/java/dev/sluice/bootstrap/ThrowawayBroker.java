package dev.sluice.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker of its own, for a test that must stop Kafka without disturbing the
 * broker every other test shares. It runs from the jars {@code scripts/kafka.sh} fetched into
 * {@code .kafka/lib}, on free ports, and keeps its data across {@link #kill()} and {@link #start()},
 * like a broker that crashed and came back.
 */
final class ThrowawayBroker implements AutoCloseable {
    // Logged by KafkaRaftServer once the broker serves metadata (the line scripts/kafka.sh waits for).
    private static final String READY_LINE = "Kafka Server started";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path lib;
    private final Path dir;
    private final int port;
    private Process process;
    private int starts;

    private ThrowawayBroker(Path lib, Path dir, int port) {
        this.lib = lib;
        this.dir = dir;
        this.port = port;
    }

    /** Formats fresh storage under a new directory in {@code parent} and starts the broker. */
    static ThrowawayBroker start(Path parent) throws IOException, InterruptedException {
        Path dir = parent.resolve("broker-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        int port = freePort();
        int controllerPort = freePort();
        Files.writeString(dir.resolve("server.properties"), """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                offsets.topic.num.partitions=3
                transaction.state.log.num.partitions=3
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, dir.resolve("data")));
        // Log4j's default configuration prints errors only; the ready line is an INFO.
        Files.writeString(dir.resolve("log4j2.properties"), """
                appender.out.type = Console
                appender.out.name = STDOUT
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.out.ref = STDOUT
                logger.config.name = org.apache.kafka.common.config.AbstractConfig
                logger.config.level = WARN
                """);
        ThrowawayBroker broker = new ThrowawayBroker(kafkaLib(), dir, port);
        broker.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", broker.config(), "--standalone"), "format.log").waitFor(60, TimeUnit.SECONDS);
        broker.start();
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker on its existing data and waits until it serves. */
    void start() throws IOException, InterruptedException {
        Path log = dir.resolve("broker-" + ++starts + ".log");
        process = run(List.of("-Xms128m", "-Xmx384m", "kafka.Kafka", config()), log.getFileName().toString());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(READY_LINE)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("throw-away broker did not start; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Kills the broker process at once, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private String config() {
        return dir.resolve("server.properties").toString();
    }

    private Process run(List<String> arguments, String logName) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", lib + "/*", "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties")));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile())
                .start();
    }

    /** The Kafka jars scripts/kafka.sh keeps in the repository's {@code .kafka/lib}. */
    private static Path kafkaLib() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path lib = at.resolve(".kafka/lib");
            if (Files.isDirectory(lib)) {
                return lib;
            }
        }
        throw new IllegalStateException("no .kafka/lib above " + Path.of("").toAbsolutePath()
                + "; run scripts/kafka.sh start once to fetch the Kafka jars");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
