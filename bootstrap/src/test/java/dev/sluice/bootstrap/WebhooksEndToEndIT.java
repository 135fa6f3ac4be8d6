package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testsupport.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end: Sluice over MariaDB with Kafka off, merchants' endpoints as real HTTP
 * receivers on 127.0.0.1, and every delivery verified by the Standard Webhooks library.
 */
class WebhooksEndToEndIT {
    // the receivers listen on 127.0.0.1 over http, which only the embedded default allows by itself
    private static final Map<String, String> SETTINGS = Map.of("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "",
            "SLUICE_WEBHOOKS_ALLOW_PRIVATE", "true");
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30));

    private static TestSluice start(Path dataDir) {
        return TestSluice.start(dataDir, "", StreamTopics.unique(), SETTINGS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void verifyAll(WebhookReceiver receiver, String secret) throws Exception {
        for (WebhookReceiver.Received delivery : receiver.received()) {
            WebhookReceiver.verify(delivery, secret);
        }
    }

    @Test
    void theEventsOfTwoSessionsArriveSignedAndInOrder() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> 204);
             TestSluice sluice = start(Files.createTempDirectory("sluice-webhooks"))) {
            String business = EventStreamIT.uniqueBusiness();
            TestSluice.WebhookEndpoint endpoint = sluice.createWebhookEndpoint(business, receiver.url());
            TestSluice.Widget widget = sluice.createWidget(business);
            List<String> sessions = List.of(sluice.createSessionId(widget, "100"), sluice.createSessionId(widget, "100"));
            for (String session : sessions) {
                assertEquals(200, sluice.observe(session, EventStreamIT.detected(session)).statusCode());
                assertEquals(200, sluice.observe(session, EventStreamIT.confirmed(session, "100")).statusCode());
            }

            await("six deliveries", () -> receiver.received().size() >= 6);

            verifyAll(receiver, endpoint.signingSecret());
            assertEquals(6, receiver.received().size());
            Map<String, List<String>> typesBySession = new HashMap<>();
            for (WebhookReceiver.Received delivery : receiver.received()) {
                JsonNode event = TestSluice.read(delivery.body());
                assertEquals(delivery.webhookId(), event.get("id").asString());
                typesBySession.computeIfAbsent(event.get("subject").asString(), s -> new ArrayList<>())
                        .add(event.get("type").asString());
            }
            for (String session : sessions) {
                assertEquals(List.of("deposit.created", "deposit.pending", "deposit.confirmed"),
                        typesBySession.get(session));
            }
            Set<String> feed = sluice.feed(business).stream().map(e -> e.toString()).collect(Collectors.toSet());
            Set<String> sent = receiver.received().stream().map(r -> TestSluice.read(r.body()).toString())
                    .collect(Collectors.toSet());
            assertEquals(feed, sent, "each webhook body is the feed's CloudEvent");
        }
    }

    @Test
    void threeFailuresThenSuccessFollowTheScheduleOfTheDatabase() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> n <= 3 ? 503 : 200);
             TestSluice sluice = TestSluice.start(Files.createTempDirectory("sluice-webhooks-schedule"), "", StreamTopics.unique(),
                     SETTINGS, now::get)) {
            String business = EventStreamIT.uniqueBusiness();
            TestSluice.WebhookEndpoint endpoint = sluice.createWebhookEndpoint(business, receiver.url());
            // the clock moves 35 minutes on: the session must not expire meanwhile
            sluice.createSessionId(sluice.createWidget(business, ",\"sessionTtl\":\"PT24H\""), "10");

            for (int failures = 1; failures <= 3; failures++) {
                int expected = failures;
                await("attempt " + expected, () -> !sluice.webhookDeliveries(endpoint).isEmpty()
                        && sluice.webhookDeliveries(endpoint).getFirst().get("attempts").asInt() == expected);
                JsonNode delivery = sluice.webhookDeliveries(endpoint).getFirst();
                assertEquals("RETRYING", delivery.get("status").asString());
                assertEquals(503, delivery.get("responseCode").asInt());
                Instant last = Instant.parse(delivery.get("lastAttemptAt").asString());
                Instant next = Instant.parse(delivery.get("nextAttemptAt").asString());
                long planned = SCHEDULE.get(failures - 1).toMillis();
                long waited = Duration.between(last, next).toMillis();
                assertTrue(Math.abs(waited - planned) <= planned / 10, "waits " + waited + " ms, about " + planned);
                Thread.sleep(500);
                assertEquals(expected, receiver.received().size(), "nothing before its time");
                now.set(next);
            }
            await("delivered", () -> "DELIVERED".equals(
                    sluice.webhookDeliveries(endpoint).getFirst().get("status").asString()));

            assertEquals(4, sluice.webhookDeliveries(endpoint).getFirst().get("attempts").asInt());
            assertEquals(1, receiver.received().stream().map(WebhookReceiver.Received::webhookId).distinct().count());
            verifyAll(receiver, endpoint.signingSecret());
        }
    }

    @Test
    void goneDisablesTheEndpoint() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> 410);
             TestSluice sluice = start(Files.createTempDirectory("sluice-webhooks-gone"))) {
            String business = EventStreamIT.uniqueBusiness();
            TestSluice.WebhookEndpoint endpoint = sluice.createWebhookEndpoint(business, receiver.url());
            TestSluice.Widget widget = sluice.createWidget(business);
            sluice.createSessionId(widget, "10");

            await("disabled", () -> !sluice.webhookEndpoint(endpoint).get("enabled").asBoolean());
            sluice.createSessionId(widget, "10");
            Thread.sleep(1000);

            assertEquals("gone", sluice.webhookEndpoint(endpoint).get("disabledReason").asString());
            assertEquals(1, receiver.received().size());
        }
    }

    @Test
    void aGracefulRestartInTheMiddleLosesNothingAndResendsNothingAcknowledged() throws Exception {
        Path data = Files.createTempDirectory("sluice-webhooks-restart");
        // No answer before all thirty sessions exist, then a second an answer, 8 at a time (the
        // endpoint's concurrency): thirty deliveries take about four seconds after the last session,
        // so the restart after the fifth comes in the middle however long creating the sessions or
        // stopping the web server takes (on a slow machine all thirty were once out before the
        // first instance stopped, and with 300 ms an answer once before its dispatcher stopped),
        // while an attempt in flight still finishes within the stop's drain (3 s)
        CountDownLatch allCreated = new CountDownLatch(1);
        try (WebhookReceiver receiver = new WebhookReceiver((exchange, n) -> {
            waitFor(allCreated);
            sleep(Duration.ofSeconds(1));
            exchange.sendResponseHeaders(200, -1);
        })) {
            String business = EventStreamIT.uniqueBusiness();
            TestSluice.WebhookEndpoint endpoint;
            TestSluice.Widget widget;
            try (TestSluice first = start(data)) {
                endpoint = first.createWebhookEndpoint(business, receiver.url());
                widget = first.createWidget(business);
                for (int i = 0; i < 30; i++) {
                    first.createSessionId(widget, "10");
                }
                allCreated.countDown();
                await("some deliveries", () -> receiver.received().size() >= 5);
            }
            int beforeRestart = receiver.received().size();
            try (TestSluice second = start(data)) {
                await("thirty deliveries", () -> receiver.received().size() >= 30);
                Thread.sleep(1000);

                List<String> ids = receiver.received().stream().map(WebhookReceiver.Received::webhookId).toList();
                Set<String> feed = second.feed(business).stream().map(e -> e.get("id").asString())
                        .collect(Collectors.toSet());
                assertTrue(beforeRestart < 30, "the restart came in the middle");
                assertEquals(feed, new HashSet<>(ids), "every event arrived");
                assertEquals(ids.size(), new HashSet<>(ids).size(), "none twice");
                verifyAll(receiver, endpoint.signingSecret());
            }
        }
    }

    @Test
    void afterAKillNothingIsLostAndTheRepeatCarriesTheSameWebhookId() throws Exception {
        Path data = Files.createTempDirectory("sluice-webhooks-kill");
        CountDownLatch firstAttempt = new CountDownLatch(1);
        try (WebhookReceiver receiver = new WebhookReceiver((exchange, n) -> {
            if (n == 1) {
                // the first attempt waits for its answer while the process dies
                firstAttempt.countDown();
                sleep(Duration.ofSeconds(20));
            }
            exchange.sendResponseHeaders(200, -1);
        })) {
            Map<String, String> settings = new HashMap<>(SETTINGS);
            settings.put("SLUICE_WEBHOOKS_LEASE", "PT4S");
            String business = EventStreamIT.uniqueBusiness();
            TestSluice.WebhookEndpoint endpoint;
            try (SluiceProcess child = SluiceProcess.start(data, settings)) {
                TestSluice killed = TestSluice.at(child.awaitUrl(), data);
                endpoint = killed.createWebhookEndpoint(business, receiver.url());
                killed.createSessionId(killed.createWidget(business), "10");
                assertTrue(firstAttempt.await(30, TimeUnit.SECONDS), "the first attempt reached the receiver");
                child.close(); // SIGKILL
                assertTrue(child.process().waitFor(10, TimeUnit.SECONDS));
            }

            try (TestSluice survivor = TestSluice.start(data, "", StreamTopics.unique(), settings)) {
                await("the repeat", () -> receiver.received().size() >= 2);
                await("delivered", () -> "DELIVERED".equals(
                        survivor.webhookDeliveries(endpoint).getFirst().get("status").asString()));

                List<WebhookReceiver.Received> received = receiver.received();
                assertEquals(received.get(0).webhookId(), received.get(1).webhookId());
                assertEquals(received.get(0).body(), received.get(1).body());
                assertEquals(Set.of(received.get(0).webhookId()), survivor.feed(business).stream()
                        .map(e -> e.get("id").asString()).collect(Collectors.toSet()), "nothing lost");
                verifyAll(receiver, endpoint.signingSecret());
            }
        }
    }

    /** Bounded, so that a receiver's thread never outlives its test by much. */
    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
