package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.adapters.http.JwtMinter;
import dev.sluice.testsupport.TestServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM under load: the real jar ({@code java -jar target/sluice.jar}) as a child process over
 * MariaDB, concurrent create-session calls, then SIGTERM. Every session that was answered 201 is in
 * the database, no call got a 5xx (a call the server no longer takes is refused, never failed), and
 * the process exits 0 within 10 s.
 */
class GracefulShutdownIT {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String BUSINESS = "biz_shutdown";
    private static final int CLIENTS = 8;

    private final ContractClient http = new ContractClient();

    @Test
    void sigtermUnderLoadLosesNoAcceptedSessionAndExitsZeroWithinTenSeconds() throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-shutdown");
        TestServices.Database db = TestServices.database();
        try (SluiceProcess sluice = SluiceProcess.start(dataDir, Map.of())) {
            String url = sluice.awaitUrl();
            JsonNode widget = createWidget(url, token(dataDir));
            Load load = new Load(url, widget.get("id").asString(), widget.get("clientSecret").asString());
            load.start();
            load.awaitAccepted(50);

            long signalled = System.nanoTime();
            boolean exited = sluice.stop(10);
            Duration stopTime = Duration.ofNanos(System.nanoTime() - signalled);
            load.stop();

            assertTrue(exited, "still running 10 s after SIGTERM");
            assertEquals(0, sluice.process().exitValue(), "exit code after SIGTERM");
            assertEquals(List.of(), load.serverErrors(), "answers with a 5xx status");
            assertEquals(List.of(), load.nonConforming(), "answers the OpenAPI document does not describe");
            assertEquals(List.of(), missing(db, load.accepted()), "sessions answered 201 but not in the database");
            System.out.printf("SIGTERM with %d sessions accepted: exit 0 after %d ms%n", load.accepted().size(),
                    stopTime.toMillis());
        }
    }

    private static String token(Path dataDir) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return DataDirectory.open(dataDir).devMinter().mint(new JwtMinter.Claims("shutdown-user", List.of(BUSINESS),
                List.of(), "sluice-dev", "sluice", now, now.plus(Duration.ofHours(1))));
    }

    private JsonNode createWidget(String url, String token) throws Exception {
        HttpResponse<String> response = http.post(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/businesses/" + BUSINESS + "/widgets/create-widget"))
                .header("Authorization", "Bearer " + token),
                "{\"name\":\"Shutdown\",\"mode\":\"CUSTOMER_AMOUNT\",\"minAmount\":\"1\",\"maxAmount\":\"1000\"}");
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> missing(TestServices.Database db, List<String> sessionIds) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM deposit_sessions WHERE session_id = ?")) {
            for (String id : sessionIds) {
                query.setString(1, id);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        missing.add(id);
                    }
                }
            }
        }
        return missing;
    }

    /**
     * Clients that create sessions back to back until the server stops answering; a call that
     * fails to connect or is cut off was never accepted, and its client stops.
     */
    private final class Load {
        private final String createSession;
        private final String widgetSecret;
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> nonConforming = new ConcurrentLinkedQueue<>();
        private final AtomicInteger acceptedCount = new AtomicInteger();
        private final CountDownLatch stopped = new CountDownLatch(CLIENTS);
        private volatile boolean stopping;

        Load(String url, String widgetId, String widgetSecret) {
            this.createSession = url + "/api/v1/widgets/" + widgetId + "/create-session";
            this.widgetSecret = widgetSecret;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(this::run);
            }
        }

        private void run() {
            try {
                while (!stopping) {
                    HttpResponse<String> response = http.post(HttpRequest.newBuilder(URI.create(createSession))
                            .timeout(Duration.ofSeconds(15))
                            .header("X-Client-Secret", widgetSecret),
                            "{\"amount\":\"10\",\"currency\":\"USDC\","
                                    + "\"network\":\"polygon\",\"currencyAddress\":\"\",\"depositAddress\":\"0xShop\"}");
                    if (response.statusCode() == 201) {
                        accepted.add(JSON.readTree(response.body()).get("id").asString());
                        acceptedCount.incrementAndGet();
                    } else if (response.statusCode() >= 500) {
                        serverErrors.add(response.statusCode() + " " + response.body());
                    }
                }
            } catch (IOException e) {
                // refused or cut off: the server has stopped accepting
            } catch (AssertionError e) {
                nonConforming.add(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }

        void awaitAccepted(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acceptedCount.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(acceptedCount.get() >= count, "the load never got going: " + acceptedCount.get() + " sessions");
        }

        void stop() throws InterruptedException {
            stopping = true;
            assertTrue(stopped.await(20, TimeUnit.SECONDS), "clients still busy after the server stopped");
            clients.shutdown();
        }

        List<String> accepted() {
            return List.copyOf(accepted);
        }

        List<String> serverErrors() {
            return List.copyOf(serverErrors);
        }

        List<String> nonConforming() {
            return List.copyOf(nonConforming);
        }
    }
}
