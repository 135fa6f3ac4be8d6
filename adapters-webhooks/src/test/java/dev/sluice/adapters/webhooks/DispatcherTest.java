package dev.sluice.adapters.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.application.webhook.WebhookDelivery.Status;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.testsupport.WebhookReceiver;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink's loop against real receivers on 127.0.0.1, stepped by hand, with a clock the test moves. */
class DispatcherTest {
    private static final Instant T0 = Instant.parse("2026-06-09T12:00:00Z");
    private static final List<String> ALL = List.of("deposit.created", "deposit.pending", "deposit.confirmed");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final SessionEvents events = new SessionEvents();
    private final BusinessId business = new BusinessId("biz_dispatch");
    private HikariDataSource source;
    private WebhookStore store;
    private Dispatcher dispatcher;

    @BeforeEach
    void start() {
        source = TestStores.migrated(TestStores.h2("dispatcher_" + System.nanoTime()));
        store = new WebhookStore(new Jdbc(source), new SecretBox(new byte[32]), "test");
        dispatcher = newDispatcher();
    }

    private Dispatcher newDispatcher() {
        WebhookSettings settings = WebhookSettings.defaults(TestStores.h2("unused"), new byte[32], true)
                .withAttemptTimeout(Duration.ofSeconds(1)).withConcurrency(8, 2);
        return new Dispatcher(store, events, new AddressPolicy(true), new Sender(settings.attemptTimeout()),
                settings, now::get, InstantSource.system(), AttemptObserver.NONE);
    }

    @AfterEach
    void stop() {
        dispatcher.close(Duration.ofSeconds(1));
        source.close();
    }

    private WebhookEndpoint.Issued endpoint(String url) {
        return store.create(business, new EndpointDraft(url, null, ALL), 10, now.get()).orElseThrow();
    }

    private SessionEvent commit(SessionId session, int sequence) {
        return events.commit(business, session, sequence, now.get());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(20);
        }
    }

    private void passUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            dispatcher.runOnce();
            Thread.sleep(20);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: "
                        + store.list(business, new WebhookDelivery.Query(null, null, null, 10, null)).items());
            }
        } while (!condition.getAsBoolean());
    }

    private WebhookDelivery only(String endpointId) {
        return store.list(business, new WebhookDelivery.Query(endpointId, null, null, 10, null)).items().getFirst();
    }

    @Test
    void eachSessionsEventsArriveInOrderSignedAsTheSpecificationVerifies() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> 204)) {
            WebhookEndpoint.Issued endpoint = endpoint(receiver.url());
            SessionId a = SessionId.generate();
            SessionId b = SessionId.generate();
            List<SessionEvent> committed = List.of(commit(a, 1), commit(b, 1), commit(a, 2), commit(b, 2),
                    commit(a, 3));

            passUntil(() -> receiver.received().size() == 5);

            for (WebhookReceiver.Received delivery : receiver.received()) {
                WebhookReceiver.verify(delivery, endpoint.signingSecret());
            }
            List<String> ids = receiver.received().stream().map(WebhookReceiver.Received::webhookId).toList();
            assertTrue(ids.indexOf(committed.get(0).id().value()) < ids.indexOf(committed.get(2).id().value()));
            assertTrue(ids.indexOf(committed.get(2).id().value()) < ids.indexOf(committed.get(4).id().value()));
            assertTrue(ids.indexOf(committed.get(1).id().value()) < ids.indexOf(committed.get(3).id().value()));
        }
    }

    @Test
    void aTestEventAfterARotationCarriesBothSignaturesAndEitherSecretVerifiesIt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> 200)) {
            WebhookEndpoint.Issued endpoint = endpoint(receiver.url());
            String rotated = store.rotateSecret(business, endpoint.endpoint().id(), now.get(),
                    now.get().plus(Duration.ofHours(24))).orElseThrow();
            WebhookDelivery test = store.sendTest(business, endpoint.endpoint().id(), now.get()).orElseThrow();

            passUntil(() -> receiver.received().size() == 1);

            WebhookReceiver.Received received = receiver.received().getFirst();
            assertEquals(test.eventId(), received.webhookId());
            assertTrue(received.body().contains("\"type\":\"webhook.test\""), received.body());
            assertTrue(received.body().contains("\"data\":{\"endpointId\":\"" + endpoint.endpoint().id() + "\"}"));
            assertEquals(2, received.headers().firstValue("webhook-signature").orElseThrow().split(" ").length);
            WebhookReceiver.verify(received, rotated);
            WebhookReceiver.verify(received, endpoint.signingSecret());
        }
    }

    @Test
    void failedAttemptsFollowTheScheduleAndASuccessEndsThem() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> n <= 3 ? 500 : 200)) {
            WebhookEndpoint.Issued endpoint = endpoint(receiver.url());
            commit(SessionId.generate(), 1);
            List<Duration> schedule = RetrySchedule.CONTRACT.delays();

            for (int failures = 1; failures <= 3; failures++) {
                int expected = failures;
                passUntil(() -> only(endpoint.endpoint().id()).attempts() == expected);
                WebhookDelivery retrying = only(endpoint.endpoint().id());
                assertEquals(Status.RETRYING, retrying.status());
                assertEquals(500, retrying.responseCode());
                Duration wait = Duration.between(retrying.lastAttemptAt(), retrying.nextAttemptAt());
                Duration planned = schedule.get(failures - 1);
                assertTrue(Math.abs(wait.toMillis() - planned.toMillis()) <= planned.toMillis() / 10,
                        "attempt " + failures + " waits " + wait + ", about " + planned);
                now.set(retrying.nextAttemptAt().minusMillis(1));
                dispatcher.runOnce();
                Thread.sleep(100);
                assertEquals(expected, receiver.received().size(), "nothing before its time");
                now.set(retrying.nextAttemptAt());
            }
            passUntil(() -> only(endpoint.endpoint().id()).status() == Status.DELIVERED);

            WebhookDelivery delivered = only(endpoint.endpoint().id());
            assertEquals(4, delivered.attempts());
            assertNull(delivered.nextAttemptAt());
            assertEquals(1, receiver.received().stream().map(WebhookReceiver.Received::webhookId).distinct().count(),
                    "every attempt carries the same webhook-id");
        }
    }

    @Test
    void aHangingATricklingAndAFailingEndpointDoNotDelayAHealthyOne() throws Exception {
        try (WebhookReceiver hanging = new WebhookReceiver((exchange, n) -> sleep(Duration.ofSeconds(5)));
             WebhookReceiver trickling = new WebhookReceiver((exchange, n) -> {
                 exchange.sendResponseHeaders(200, 0);
                 OutputStream out = exchange.getResponseBody();
                 for (int i = 0; i < 50; i++) {
                     out.write('x');
                     out.flush();
                     sleep(Duration.ofMillis(100));
                 }
             });
             WebhookReceiver failing = WebhookReceiver.answering(n -> 500);
             WebhookReceiver healthy = WebhookReceiver.answering(n -> 200)) {
            for (WebhookReceiver receiver : List.of(hanging, trickling, failing)) {
                endpoint(receiver.url());
            }
            WebhookEndpoint.Issued good = endpoint(healthy.url());
            for (int s = 0; s < 6; s++) {
                commit(SessionId.generate(), 1);
            }
            long started = System.nanoTime();

            passUntil(() -> healthy.received().size() == 6);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            passUntil(() -> store.list(business, new WebhookDelivery.Query(good.endpoint().id(), Status.DELIVERED,
                    null, 10, null)).items().size() == 6);

            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0,
                    "the healthy endpoint got its six events while the others hung");
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        try (WebhookReceiver target = WebhookReceiver.answering(n -> 200);
             WebhookReceiver redirecting = new WebhookReceiver((exchange, n) -> {
                 exchange.getResponseHeaders().add("Location", target.url());
                 exchange.sendResponseHeaders(307, -1);
             })) {
            WebhookEndpoint.Issued endpoint = endpoint(redirecting.url());
            commit(SessionId.generate(), 1);

            passUntil(() -> only(endpoint.endpoint().id()).attempts() == 1);

            assertEquals(Status.RETRYING, only(endpoint.endpoint().id()).status());
            assertEquals(307, only(endpoint.endpoint().id()).responseCode());
            assertTrue(target.received().isEmpty());
        }
    }

    @Test
    void onlyTheFirstKibOfAnAnswerIsReadAndKept() throws Exception {
        try (WebhookReceiver chatty = new WebhookReceiver((exchange, n) -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = "é".repeat(512).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // 10 MiB offered; the sender stops reading after the first KiB
            for (int i = 0; i < 10 * 1024; i++) {
                out.write(chunk);
            }
        })) {
            WebhookEndpoint.Issued endpoint = endpoint(chatty.url());
            commit(SessionId.generate(), 1);

            passUntil(() -> only(endpoint.endpoint().id()).status() == Status.DELIVERED);

            String kept = only(endpoint.endpoint().id()).responseBody();
            assertEquals(512, kept.length());
            assertTrue(kept.chars().allMatch(c -> c == 'é'));
        }
    }

    @Test
    void gone410DisablesTheEndpointAndNothingMoreIsSent() throws Exception {
        try (WebhookReceiver gone = WebhookReceiver.answering(n -> 410)) {
            WebhookEndpoint.Issued endpoint = endpoint(gone.url());
            commit(SessionId.generate(), 1);
            commit(SessionId.generate(), 1);

            passUntil(() -> !store.find(business, endpoint.endpoint().id()).orElseThrow().enabled());
            now.set(now.get().plus(Duration.ofDays(1)));
            commit(SessionId.generate(), 1);
            int seen = gone.received().size();
            for (int i = 0; i < 5; i++) {
                dispatcher.runOnce();
            }
            Thread.sleep(200);

            assertEquals(WebhookEndpoint.DisabledReason.GONE,
                    store.find(business, endpoint.endpoint().id()).orElseThrow().disabledReason());
            assertEquals(seen, gone.received().size());
            assertFalse(seen > 2);
        }
    }

    @Test
    void aPrivateAddressIsCheckedAgainAtTheAttempt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> 200)) {
            WebhookEndpoint.Issued endpoint = endpoint(receiver.url().replace("http:", "https:"));
            WebhookSettings strict = WebhookSettings.defaults(TestStores.h2("unused"), new byte[32], false);
            Dispatcher guarded = new Dispatcher(store, events, new AddressPolicy(false), new Sender(Duration.ofSeconds(1)),
                    strict, now::get, InstantSource.system(), AttemptObserver.NONE);
            try {
                commit(SessionId.generate(), 1);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                do {
                    guarded.runOnce();
                    Thread.sleep(20);
                } while (only(endpoint.endpoint().id()).attempts() == 0 && System.nanoTime() < deadline);

                WebhookDelivery refused = only(endpoint.endpoint().id());
                assertEquals(1, refused.attempts());
                assertNull(refused.responseCode());
                assertEquals("the address is not allowed", refused.responseBody());
                assertTrue(receiver.received().isEmpty());
            } finally {
                guarded.close(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void closingMidAttemptGivesTheLeaseBackAndTheRepeatCarriesTheSameWebhookId() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver((exchange, n) -> {
            if (n == 1) {
                sleep(Duration.ofSeconds(5));
            }
            exchange.sendResponseHeaders(200, -1);
        })) {
            WebhookEndpoint.Issued endpoint = endpoint(slow.url());
            commit(SessionId.generate(), 1);
            passUntil(() -> slow.received().size() == 1);

            dispatcher.close(Duration.ofMillis(100));
            WebhookDelivery waiting = only(endpoint.endpoint().id());
            assertEquals(Status.PENDING, waiting.status());
            assertEquals(0, waiting.attempts());

            dispatcher = newDispatcher();
            passUntil(() -> store.list(business, new WebhookDelivery.Query(endpoint.endpoint().id(),
                    Status.DELIVERED, null, 10, null)).items().size() == 1);
            assertEquals(slow.received().get(0).webhookId(), slow.received().get(1).webhookId());
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
