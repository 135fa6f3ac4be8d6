package dev.sluice.adapters.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.EndpointPatch;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.application.webhook.WebhookDelivery.Status;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.BusinessId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook sink's store, on every database it runs on: fan-out, claims shared by instances,
 * order per (endpoint, session), the schedule, and what disables an endpoint.
 */
abstract class DeliveryStoreContract {
    private static final Instant T0 = Instant.parse("2026-06-09T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration FIVE_DAYS = Duration.ofDays(5);
    private static final List<String> ALL = List.of("deposit.created", "deposit.pending", "deposit.confirmed");

    abstract DataSource dataSource();

    private final SessionEvents events = new SessionEvents();
    private WebhookStore one;
    private WebhookStore two;
    private BusinessId business;

    @BeforeEach
    void freshStores() throws SQLException {
        SecretBox box = new SecretBox(new byte[32]);
        one = new WebhookStore(new Jdbc(dataSource()), box, "instance-one");
        two = new WebhookStore(new Jdbc(dataSource()), box, "instance-two");
        try (var c = dataSource().getConnection()) {
            c.createStatement().executeUpdate("UPDATE webhook_cursor SET last_position = 0");
            // deliveries of earlier tests would be due too: this test's claims see only its own
            c.createStatement().executeUpdate("DELETE FROM webhook_deliveries");
            c.commit();
        }
        business = new BusinessId("biz_" + System.nanoTime());
    }

    private WebhookEndpoint endpoint(BusinessId owner, List<String> types) {
        return one.create(owner, new EndpointDraft("https://merchant.example/hook", null, types), 10, T0)
                .orElseThrow().endpoint();
    }

    private SessionEvent commit(SessionId session, int sequence) {
        return events.commit(business, session, sequence, T0.plusSeconds(sequence));
    }

    private int fanOut(WebhookStore store, Instant now) {
        return store.fanOut(events, positioned -> "{\"id\":\"" + positioned.event().id().value() + "\"}", 100, now);
    }

    private List<Delivery> claimAll(WebhookStore store, WebhookEndpoint endpoint, Instant now) {
        return store.claim(endpoint.id(), 100, now, LEASE);
    }

    private static AttemptResult answered(int code) {
        return new AttemptResult(code, "ok", "https://merchant.example/hook");
    }

    @Test
    void eachEventGoesToEverySubscribedEnabledEndpointOfItsBusinessOnly() {
        WebhookEndpoint all = endpoint(business, ALL);
        WebhookEndpoint confirmedOnly = endpoint(business, List.of("deposit.confirmed"));
        WebhookEndpoint disabled = endpoint(business, ALL);
        one.update(business, disabled.id(), new EndpointPatch(null, false, null, null, false), T0);
        WebhookEndpoint elsewhere = endpoint(new BusinessId("biz_other_" + System.nanoTime()), ALL);
        SessionId session = SessionId.generate();
        SessionEvent created = commit(session, 1);

        assertEquals(1, fanOut(one, T0.plusSeconds(2)));
        assertEquals(0, fanOut(two, T0.plusSeconds(2)), "the cursor moved past it for every instance");

        List<Delivery> toAll = claimAll(one, all, T0.plusSeconds(2));
        assertEquals(List.of(created.id().value()), toAll.stream().map(Delivery::eventId).toList());
        assertEquals("{\"id\":\"" + created.id().value() + "\"}", toAll.getFirst().body());
        assertTrue(claimAll(one, confirmedOnly, T0.plusSeconds(2)).isEmpty());
        assertTrue(one.list(business, new WebhookDelivery.Query(disabled.id(), null, null, 10, null)).items().isEmpty());
        assertTrue(claimAll(one, elsewhere, T0.plusSeconds(2)).isEmpty());
    }

    @Test
    void anEndpointWhoseSecretThisInstanceCannotOpenHoldsBackOnlyItsOwnDeliveries() {
        // sealed under another SLUICE_SECRETS_KEY (another instance misconfigured, a damaged row)
        byte[] otherKey = new byte[32];
        java.util.Arrays.fill(otherKey, (byte) 7);
        WebhookStore foreign = new WebhookStore(new Jdbc(dataSource()), new SecretBox(otherKey), "instance-foreign");
        BusinessId otherBusiness = new BusinessId("biz_foreign_" + System.nanoTime());
        WebhookEndpoint unreadable = foreign.create(otherBusiness,
                new EndpointDraft("https://other.example/hook", null, ALL), 10, T0).orElseThrow().endpoint();
        WebhookEndpoint mine = endpoint(business, ALL);
        events.commit(otherBusiness, SessionId.generate(), 1, T0.plusSeconds(1));
        SessionEvent created = commit(SessionId.generate(), 1);

        assertEquals(2, fanOut(one, T0.plusSeconds(2)), "fanning out needs no secret");
        assertTrue(claimAll(one, unreadable, T0.plusSeconds(2)).isEmpty(), "nothing this instance cannot sign");
        assertEquals(List.of(created.id().value()),
                claimAll(one, mine, T0.plusSeconds(2)).stream().map(Delivery::eventId).toList());
        assertEquals(1, claimAll(foreign, unreadable, T0.plusSeconds(2).plus(WebhookStore.UNREADABLE_SECRET_PAUSE))
                .size(), "an instance with the key sends it once the pause is over");
    }

    @Test
    void withNoLiveEndpointAnywhereTheFanOutMovesPastEventsWithoutReadingThem() throws SQLException {
        try (var c = dataSource().getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM webhook_endpoints");
            c.commit();
        }
        for (int sequence = 1; sequence <= 3; sequence++) {
            commit(SessionId.generate(), 1);
        }
        List<Long> reads = new ArrayList<>();
        CommittedEvents counted = new CommittedEvents() {
            @Override
            public List<Positioned> after(long position, int limit) {
                reads.add(position);
                return events.after(position, limit);
            }

            @Override
            public long latestPosition() {
                return events.latestPosition();
            }
        };

        assertEquals(3, one.fanOut(counted, positioned -> "{}", 100, T0.plusSeconds(5)));
        assertEquals(List.of(), reads, "no event was read: nobody could receive it");

        // an endpoint registered now gets what commits from now on, read as before
        WebhookEndpoint late = one.create(business, new EndpointDraft("https://merchant.example/hook", null, ALL), 10,
                T0.plusSeconds(6)).orElseThrow().endpoint();
        SessionEvent next = events.commit(business, SessionId.generate(), 1, T0.plusSeconds(7));
        assertEquals(1, one.fanOut(counted, positioned -> "{}", 100, T0.plusSeconds(8)));
        assertEquals(1, reads.size());
        assertEquals(List.of(next.id().value()),
                claimAll(one, late, T0.plusSeconds(8)).stream().map(Delivery::eventId).toList());
    }

    @Test
    void aFanOutChosenAsADeadlockVictimIsRunAgainAndTakesEveryEventOnce() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        SessionEvent created = commit(SessionId.generate(), 1);
        int[] deadlocks = {1};
        WebhookStore victim = new WebhookStore(new Jdbc(deadlockingOnce(dataSource(), "FOR UPDATE", deadlocks)),
                new SecretBox(new byte[32]), "instance-victim");

        assertEquals(1, victim.fanOut(events, positioned -> "{}", 100, T0.plusSeconds(2)));

        assertEquals(0, deadlocks[0], "the first try was rolled back as a deadlock's victim");
        assertEquals(List.of(created.id().value()),
                claimAll(one, endpoint, T0.plusSeconds(2)).stream().map(Delivery::eventId).toList());
    }

    /** {@code source}, whose connections fail the first {@code count[0]} statements containing {@code marker} as MariaDB fails a deadlock's victim. */
    private static DataSource deadlockingOnce(DataSource source, String marker, int[] count) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(source, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && ((String) a[0]).contains(marker)
                                        && ((String) a[0]).contains("webhook_deliveries") && count[0] > 0) {
                                    count[0]--;
                                    throw new SQLTransactionRollbackException(
                                            "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aSessionsNextEventWaitsUntilTheEarlierOneIsDeliveredOrFailed() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        SessionId session = SessionId.generate();
        SessionId other = SessionId.generate();
        SessionEvent first = commit(session, 1);
        SessionEvent second = commit(session, 2);
        SessionEvent third = commit(session, 3);
        SessionEvent otherFirst = commit(other, 1);
        fanOut(one, T0.plusSeconds(5));

        List<Delivery> claimed = claimAll(one, endpoint, T0.plusSeconds(5));
        assertEquals(Set.of(first.id().value(), otherFirst.id().value()),
                Set.copyOf(claimed.stream().map(Delivery::eventId).toList()));
        Delivery head = claimed.stream().filter(d -> d.eventId().equals(first.id().value())).findFirst().orElseThrow();

        // a failure keeps the session's queue waiting behind the retry
        one.record(head, answered(500), T0.plusSeconds(6), T0.plusSeconds(11), FIVE_DAYS);
        assertTrue(claimAll(one, endpoint, T0.plusSeconds(10)).isEmpty());
        Delivery retried = claimAll(one, endpoint, T0.plusSeconds(11)).getFirst();
        assertEquals(first.id().value(), retried.eventId());
        one.record(retried, answered(204), T0.plusSeconds(12), null, FIVE_DAYS);

        Delivery next = claimAll(one, endpoint, T0.plusSeconds(12)).getFirst();
        assertEquals(second.id().value(), next.eventId());
        // given up after the last attempt: the queue moves on all the same
        one.record(next, answered(500), T0.plusSeconds(13), null, FIVE_DAYS);
        assertEquals(List.of(third.id().value()),
                claimAll(one, endpoint, T0.plusSeconds(13)).stream().map(Delivery::eventId).toList());
    }

    @Test
    void anEventAppendedWhileItsSessionsHeadFinishesIsNeverStranded() throws Exception {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        SessionId session = SessionId.generate();
        int count = 40;
        CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> {
            for (int sequence = 1; sequence <= count; sequence++) {
                events.commit(business, session, sequence, T0);
                fanOut(one, T0);
            }
        });
        List<String> sent = new ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (sent.size() < count && System.nanoTime() < deadline) {
            for (Delivery delivery : two.claim(endpoint.id(), 10, T0, LEASE)) {
                sent.add(delivery.eventId());
                two.record(delivery, answered(200), T0, null, FIVE_DAYS);
            }
        }
        appending.get();

        assertEquals(count, sent.size(), "every delivery went, none stayed queued behind a finished one");
        assertEquals(events.after(0, count).stream().map(p -> p.event().id().value()).toList(), sent,
                "in the session's order");
    }

    @Test
    void aFailedAttemptIsScheduledInTheDatabaseAndAnotherInstanceCarriesItOn() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        commit(SessionId.generate(), 1);
        fanOut(one, T0.plusSeconds(1));
        Delivery delivery = claimAll(one, endpoint, T0.plusSeconds(1)).getFirst();
        Instant next = RetrySchedule.CONTRACT.next(1, T0.plusSeconds(2), () -> 0.5);

        one.record(delivery, new AttemptResult(503, "x".repeat(10), "https://merchant.example/hook"),
                T0.plusSeconds(2), next, FIVE_DAYS);

        WebhookDelivery stored = two.get(business, delivery.deliveryId()).orElseThrow();
        assertEquals(Status.RETRYING, stored.status());
        assertEquals(1, stored.attempts());
        assertEquals(503, stored.responseCode());
        assertEquals(T0.plusSeconds(7), stored.nextAttemptAt());
        assertTrue(claimAll(two, endpoint, T0.plusSeconds(6)).isEmpty());
        Delivery again = claimAll(two, endpoint, T0.plusSeconds(7)).getFirst();
        assertEquals(1, again.attempts());
        assertEquals(delivery.eventId(), again.eventId());
    }

    @Test
    void twoInstancesClaimingAtOnceNeverTakeTheSameDelivery() throws Exception {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        for (int s = 0; s < 40; s++) {
            commit(SessionId.generate(), 1);
        }
        fanOut(one, T0.plusSeconds(1));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Delivery>>> claims = new ArrayList<>();
            for (WebhookStore store : List.of(one, two)) {
                claims.add(pool.submit(() -> {
                    start.await();
                    List<Delivery> mine = new ArrayList<>();
                    // a claim may find its window locked by the other's and take nothing; a few such
                    // passes in a row mean nothing is left
                    for (int idle = 0; idle < 5; ) {
                        List<Delivery> claimed = store.claim(endpoint.id(), 3, T0.plusSeconds(1), LEASE);
                        mine.addAll(claimed);
                        idle = claimed.isEmpty() ? idle + 1 : 0;
                    }
                    return mine;
                }));
            }
            List<String> taken = new ArrayList<>();
            for (Future<List<Delivery>> claim : claims) {
                claim.get().forEach(d -> taken.add(d.deliveryId()));
            }
            assertEquals(taken.size(), new HashSet<>(taken).size(), "no delivery claimed twice");
            assertEquals(40, taken.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseThatRunsOutGoesToAnotherInstanceAndTheFirstCanNoLongerRecord() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);
        Delivery held = claimAll(one, endpoint, T0).getFirst();

        assertTrue(claimAll(two, endpoint, T0.plus(LEASE)).isEmpty(), "still leased");
        Delivery taken = claimAll(two, endpoint, T0.plus(LEASE).plusMillis(1)).getFirst();

        assertEquals(held.deliveryId(), taken.deliveryId());
        assertFalse(one.record(held, answered(200), T0.plus(LEASE).plusSeconds(1), null, FIVE_DAYS));
        assertTrue(two.record(taken, answered(200), T0.plus(LEASE).plusSeconds(1), null, FIVE_DAYS));
        assertEquals(Status.DELIVERED, one.get(business, held.deliveryId()).orElseThrow().status());
    }

    @Test
    void goneDisablesTheEndpointAtOnceAndHoldsItsDeliveriesUntilItIsEnabledAgain() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        SessionId session = SessionId.generate();
        commit(session, 1);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);
        Delivery first = claimAll(one, endpoint, T0).getFirst();
        one.release(claimAll(one, endpoint, T0));

        one.record(first, answered(410), T0.plusSeconds(1), T0.plusSeconds(6), FIVE_DAYS);

        WebhookEndpoint gone = one.find(business, endpoint.id()).orElseThrow();
        assertFalse(gone.enabled());
        assertEquals(WebhookEndpoint.DisabledReason.GONE, gone.disabledReason());
        assertTrue(claimAll(one, endpoint, T0.plusSeconds(60)).isEmpty());
        commit(SessionId.generate(), 1);
        fanOut(one, T0.plusSeconds(60));

        one.update(business, endpoint.id(), new EndpointPatch(null, false, null, null, true), T0.plusSeconds(61));
        assertEquals(2, claimAll(one, endpoint, T0.plusSeconds(61)).size(),
                "both held deliveries go; the event committed while disabled does not");
    }

    @Test
    void fiveDaysOfFailuresDisableTheEndpointAsFailing() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);
        Instant at = T0;
        for (Instant due = T0; ; ) {
            List<Delivery> claimed = claimAll(one, endpoint, due);
            if (claimed.isEmpty()) {
                break;
            }
            at = due;
            one.record(claimed.getFirst(), answered(500), at, at.plus(Duration.ofDays(1)), FIVE_DAYS);
            due = at.plus(Duration.ofDays(1));
        }

        WebhookEndpoint failing = one.find(business, endpoint.id()).orElseThrow();
        assertEquals(WebhookEndpoint.DisabledReason.FAILING, failing.disabledReason());
        assertEquals(T0.plus(FIVE_DAYS), at);
    }

    @Test
    void aSuccessInBetweenStartsTheFiveDaysAgain() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        commit(SessionId.generate(), 1);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);
        List<Delivery> both = claimAll(one, endpoint, T0);
        one.record(both.get(0), answered(500), T0, T0.plus(Duration.ofDays(4)), FIVE_DAYS);
        one.record(both.get(1), answered(200), T0.plus(Duration.ofDays(4)), null, FIVE_DAYS);
        Delivery retry = claimAll(one, endpoint, T0.plus(Duration.ofDays(4))).getFirst();

        one.record(retry, answered(500), T0.plus(Duration.ofDays(6)), T0.plus(Duration.ofDays(7)), FIVE_DAYS);

        assertTrue(one.find(business, endpoint.id()).orElseThrow().enabled());
    }

    @Test
    void racingCreatesNeverPassTheLimit() throws Exception {
        List<CompletableFuture<Boolean>> creates = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(14);
        for (int i = 0; i < 14; i++) {
            WebhookStore store = i % 2 == 0 ? one : two;
            creates.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return store.create(business, new EndpointDraft("https://m.example/h", null, ALL), 10, T0)
                        .isPresent();
            }, Executors.newVirtualThreadPerTaskExecutor()));
        }
        long created = creates.stream().map(CompletableFuture::join).filter(ok -> ok).count();

        assertEquals(10, created);
        assertEquals(10, one.list(business).size());
    }

    @Test
    void deletingAnEndpointDropsItsWaitingDeliveries() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);

        assertTrue(one.delete(business, endpoint.id(), T0));

        assertTrue(one.list(business, new WebhookDelivery.Query(null, null, null, 10, null)).items().isEmpty());
        assertTrue(one.find(business, endpoint.id()).isEmpty());
        assertFalse(one.delete(business, endpoint.id(), T0));
    }

    @Test
    void afterARotationDeliveriesCarryBothSecretsUntilTheOverlapEnds() {
        WebhookEndpoint.Issued issued = one.create(business,
                new EndpointDraft("https://m.example/h", "main", ALL), 10, T0).orElseThrow();
        String rotated = one.rotateSecret(business, issued.endpoint().id(), T0, T0.plus(Duration.ofHours(24)))
                .orElseThrow();
        commit(SessionId.generate(), 1);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);

        Delivery during = one.claim(issued.endpoint().id(), 1, T0.plusSeconds(1), LEASE).getFirst();
        Delivery after = one.claim(issued.endpoint().id(), 1, T0.plus(Duration.ofHours(24)), LEASE).getFirst();

        assertEquals(List.of(rotated, issued.signingSecret()), during.secrets().stream().map(SigningSecret::text).toList());
        assertEquals(List.of(rotated), after.secrets().stream().map(SigningSecret::text).toList());
    }

    @Test
    void anotherBusinessSeesNeitherTheEndpointsNorTheDeliveries() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);
        String deliveryId = one.list(business, new WebhookDelivery.Query(null, null, null, 10, null))
                .items().getFirst().id();
        BusinessId other = new BusinessId("biz_x" + System.nanoTime());

        assertTrue(one.find(other, endpoint.id()).isEmpty());
        assertTrue(one.get(other, deliveryId).isEmpty());
        assertTrue(one.redeliver(other, deliveryId, T0).isEmpty());
        assertTrue(one.sendTest(other, endpoint.id(), T0).isEmpty());
        assertTrue(one.rotateSecret(other, endpoint.id(), T0, T0).isEmpty());
        assertTrue(one.update(other, endpoint.id(), new EndpointPatch("https://x.example", false, null, null, null),
                T0).isEmpty());
        assertFalse(one.delete(other, endpoint.id(), T0));
    }

    @Test
    void deliveriesListNewestFirstByPagesAndFilters() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        SessionId session = SessionId.generate();
        commit(session, 1);
        commit(SessionId.generate(), 1);
        commit(SessionId.generate(), 1);
        fanOut(one, T0);
        WebhookDelivery test = one.sendTest(business, endpoint.id(), T0).orElseThrow();

        Page<WebhookDelivery> first = one.list(business, new WebhookDelivery.Query(null, null, null, 2, null));
        Page<WebhookDelivery> rest = one.list(business,
                new WebhookDelivery.Query(null, null, null, 10, first.items().getLast().id()));

        assertEquals(test.id(), first.items().getFirst().id());
        assertEquals(WebhookStore.TEST_EVENT_TYPE, test.eventType());
        assertNull(test.sessionId());
        assertTrue(first.hasMore());
        assertEquals(2, rest.items().size());
        assertFalse(rest.hasMore());
        assertEquals(1, one.list(business, new WebhookDelivery.Query(null, null, session.value(), 10, null))
                .items().size());
        assertEquals(4, one.list(business, new WebhookDelivery.Query(endpoint.id(), Status.PENDING, null, 10, null))
                .items().size());
    }

    @Test
    void aRedeliveryCarriesTheSameEventAndQueuesBehindTheSessionsWaitingOnes() {
        WebhookEndpoint endpoint = endpoint(business, ALL);
        SessionId session = SessionId.generate();
        SessionEvent created = commit(session, 1);
        fanOut(one, T0);
        Delivery first = claimAll(one, endpoint, T0).getFirst();
        one.record(first, answered(200), T0, null, FIVE_DAYS);
        commit(session, 2);
        fanOut(one, T0.plusSeconds(1));

        WebhookDelivery again = one.redeliver(business, first.deliveryId(), T0.plusSeconds(2)).orElseThrow();

        assertEquals(created.id().value(), again.eventId());
        assertEquals(Status.PENDING, again.status());
        assertNull(again.nextAttemptAt(), "queued behind deposit.pending");
        Delivery pending = claimAll(one, endpoint, T0.plusSeconds(2)).getFirst();
        one.record(pending, answered(200), T0.plusSeconds(3), null, FIVE_DAYS);
        Optional<Delivery> repeat = claimAll(one, endpoint, T0.plusSeconds(3)).stream().findFirst();
        assertNotNull(repeat.orElse(null));
        assertEquals(created.id().value(), repeat.get().eventId());
    }
}
