package dev.sluice.adapters.webhooks;

import static dev.sluice.adapters.webhooks.Jdbc.first;
import static dev.sluice.adapters.webhooks.Jdbc.instant;
import static dev.sluice.adapters.webhooks.Jdbc.marks;
import static dev.sluice.adapters.webhooks.Jdbc.query;

import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.WebhookDeliveries;
import dev.sluice.application.port.out.WebhookEndpoints;
import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.EndpointPatch;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.application.webhook.WebhookEndpoint.DisabledReason;
import dev.sluice.domain.shared.PrefixedId;
import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.widget.BusinessId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The webhook sink's state in its own tables (db/webhooks): endpoints with encrypted secrets,
 * deliveries with their schedule, and the cursor of the fan-out. Any number of instances share
 * it: the fan-out holds the cursor row while it runs, and claims lease due deliveries with
 * {@code FOR UPDATE SKIP LOCKED}.
 *
 * <p>Queues: only the head of an (endpoint, session) queue has an attempt time. Whoever appends to
 * a queue reads its waiting deliveries with a locking read, and a finishing head is updated before
 * it promotes the next; so the two wait for each other on the head's row, and whichever commits
 * second sees the other's work: an append never queues behind a head that already finished, and
 * a finishing head never misses a delivery appended behind it.
 */
final class WebhookStore implements WebhookEndpoints, WebhookDeliveries {
    private static final System.Logger LOG = System.getLogger(WebhookStore.class.getName());
    private static final int FAN_OUT_ATTEMPTS = 3;
    /** How long the due deliveries of an endpoint whose secret this instance cannot open wait before the next try. */
    static final Duration UNREADABLE_SECRET_PAUSE = Duration.ofMinutes(1);
    static final String TEST_EVENT_TYPE = "webhook.test";
    private static final String ENDPOINT_COLUMNS = "endpoint_id, business_id, url, description, events, enabled,"
            + " disabled_reason, signing_secret, previous_secret, previous_secret_until, failing_since, created_at,"
            + " updated_at";
    private static final String DELIVERY_COLUMNS = "delivery_order, delivery_id, endpoint_id, event_id, event_type,"
            + " session_id, body, status, attempts, next_attempt_at, request_url, response_code, response_body,"
            + " last_attempt_at, created_at";
    private static final String WAITING = "status IN ('PENDING', 'RETRYING')";
    private static final String INSERT_DELIVERY = "INSERT INTO webhook_deliveries (delivery_id, endpoint_id,"
            + " business_id, event_id, event_type, session_id, body, status, attempts, held, next_attempt_at,"
            + " request_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)";

    private final Jdbc jdbc;
    private final SecretBox secrets;
    private final String owner;

    WebhookStore(Jdbc jdbc, SecretBox secrets, String owner) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.owner = owner;
    }

    // ---- endpoints ----

    @Override
    public Optional<WebhookEndpoint.Issued> create(BusinessId business, EndpointDraft draft, int limit, Instant now) {
        ensureBusinessRow(business);
        return jdbc.inTransaction(c -> {
            first(c, "SELECT business_id FROM webhook_businesses WHERE business_id = ? FOR UPDATE",
                    row -> row.getString(1), business.value()).orElseThrow();
            int live = first(c, "SELECT COUNT(*) FROM webhook_endpoints WHERE business_id = ? AND deleted_at IS NULL",
                    row -> row.getInt(1), business.value()).orElse(0);
            if (live >= limit) {
                return Optional.empty();
            }
            String id = RandomTokens.id(WebhookEndpoint.ID_PREFIX);
            SigningSecret secret = SigningSecret.generate();
            Jdbc.update(c, "INSERT INTO webhook_endpoints (endpoint_id, business_id, url, description, events, enabled,"
                            + " signing_secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?)",
                    id, business.value(), draft.url(), draft.description(), String.join(" ", draft.events()),
                    secrets.seal(secret, id), now, now);
            WebhookEndpoint endpoint = findEndpoint(c, business, id, false).orElseThrow().endpoint();
            return Optional.of(new WebhookEndpoint.Issued(endpoint, secret.text()));
        });
    }

    /**
     * The business's lock row, inserted in a transaction of its own before the create locks it:
     * inserted inside the create, two racing creates each waited on the other's insert and MariaDB
     * rolled one back.
     */
    private void ensureBusinessRow(BusinessId business) {
        String sql = "SELECT business_id FROM webhook_businesses WHERE business_id = ?";
        if (jdbc.inTransaction(c -> first(c, sql, row -> row.getString(1), business.value())).isPresent()) {
            return;
        }
        try {
            jdbc.inTransaction(c -> Jdbc.update(c, "INSERT INTO webhook_businesses (business_id) VALUES (?)",
                    business.value()));
        } catch (IllegalStateException raced) {
            // another create inserted it first, which is all this wanted
            jdbc.inTransaction(c -> first(c, sql, row -> row.getString(1), business.value())).orElseThrow(() -> raced);
        }
    }

    @Override
    public List<WebhookEndpoint> list(BusinessId business) {
        return jdbc.inTransaction(c -> query(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints"
                        + " WHERE business_id = ? AND deleted_at IS NULL ORDER BY created_at, endpoint_id",
                row -> readEndpoint(row).endpoint(), business.value()));
    }

    @Override
    public Optional<WebhookEndpoint> find(BusinessId business, String endpointId) {
        return jdbc.inTransaction(c -> findEndpoint(c, business, endpointId, false).map(StoredEndpoint::endpoint));
    }

    @Override
    public Optional<WebhookEndpoint> update(BusinessId business, String endpointId, EndpointPatch patch, Instant now) {
        return jdbc.inTransaction(c -> {
            Optional<StoredEndpoint> found = findEndpoint(c, business, endpointId, true);
            if (found.isEmpty()) {
                return Optional.<WebhookEndpoint>empty();
            }
            WebhookEndpoint old = found.get().endpoint();
            boolean enabled = patch.enabled() == null ? old.enabled() : patch.enabled();
            DisabledReason reason = enabled ? null
                    : patch.enabled() != null && old.enabled() ? DisabledReason.BY_MERCHANT : old.disabledReason();
            Jdbc.update(c, "UPDATE webhook_endpoints SET url = ?, description = ?, events = ?, enabled = ?,"
                            + " disabled_reason = ?, failing_since = ?, updated_at = ? WHERE endpoint_id = ?",
                    patch.url() == null ? old.url() : patch.url(),
                    patch.descriptionSet() ? patch.description() : old.description(),
                    String.join(" ", patch.events() == null ? old.events() : patch.events()),
                    enabled, reason == null ? null : reason.name(),
                    enabled && !old.enabled() ? null : found.get().failingSince(), now, endpointId);
            if (enabled != old.enabled()) {
                hold(c, endpointId, !enabled);
            }
            return findEndpoint(c, business, endpointId, false).map(StoredEndpoint::endpoint);
        });
    }

    @Override
    public boolean delete(BusinessId business, String endpointId, Instant now) {
        return jdbc.inTransaction(c -> {
            if (findEndpoint(c, business, endpointId, true).isEmpty()) {
                return false;
            }
            Jdbc.update(c, "UPDATE webhook_endpoints SET deleted_at = ?, enabled = FALSE, updated_at = ? WHERE endpoint_id = ?",
                    now, now, endpointId);
            Jdbc.update(c, "DELETE FROM webhook_deliveries WHERE endpoint_id = ? AND " + WAITING, endpointId);
            return true;
        });
    }

    @Override
    public Optional<String> rotateSecret(BusinessId business, String endpointId, Instant now,
            Instant previousValidUntil) {
        return jdbc.inTransaction(c -> {
            Optional<StoredEndpoint> found = findEndpoint(c, business, endpointId, true);
            if (found.isEmpty()) {
                return Optional.<String>empty();
            }
            SigningSecret next = SigningSecret.generate();
            Jdbc.update(c, "UPDATE webhook_endpoints SET signing_secret = ?, previous_secret = ?, previous_secret_until = ?,"
                            + " updated_at = ? WHERE endpoint_id = ?",
                    secrets.seal(next, endpointId), found.get().sealedSecret(),
                    previousValidUntil, now, endpointId);
            return Optional.of(next.text());
        });
    }

    private Optional<StoredEndpoint> findEndpoint(Connection c, BusinessId business, String endpointId,
            boolean forUpdate) throws SQLException {
        if (!PrefixedId.isValid(WebhookEndpoint.ID_PREFIX, endpointId)) {
            return Optional.empty();
        }
        return first(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE endpoint_id = ?"
                        + " AND business_id = ? AND deleted_at IS NULL" + (forUpdate ? " FOR UPDATE" : ""),
                this::readEndpoint, endpointId, business.value());
    }

    /**
     * An endpoint as stored: what the contract shows, and what only the sink uses. The secrets stay
     * sealed until a delivery is signed, so that reading endpoints (fan-out, management) never
     * depends on opening them.
     */
    private record StoredEndpoint(WebhookEndpoint endpoint, byte[] sealedSecret, byte[] sealedPrevious,
            Instant previousUntil, Instant failingSince) {
    }

    /** The secrets a delivery is signed with now; throws when this instance's key cannot open them. */
    private List<SigningSecret> signingSecrets(StoredEndpoint stored, Instant now) {
        String id = stored.endpoint().id();
        SigningSecret current = secrets.open(stored.sealedSecret(), id);
        return stored.sealedPrevious() != null && stored.previousUntil().isAfter(now)
                ? List.of(current, secrets.open(stored.sealedPrevious(), id)) : List.of(current);
    }

    private StoredEndpoint readEndpoint(ResultSet row) throws SQLException {
        String id = row.getString("endpoint_id");
        String reason = row.getString("disabled_reason");
        WebhookEndpoint endpoint = new WebhookEndpoint(id, new BusinessId(row.getString("business_id")),
                row.getString("url"), row.getString("description"),
                Arrays.asList(row.getString("events").split(" ")), row.getBoolean("enabled"),
                reason == null ? null : DisabledReason.valueOf(reason), instant(row, "created_at"),
                instant(row, "updated_at"));
        return new StoredEndpoint(endpoint, row.getBytes("signing_secret"), row.getBytes("previous_secret"),
                instant(row, "previous_secret_until"), instant(row, "failing_since"));
    }

    private static void hold(Connection c, String endpointId, boolean held) throws SQLException {
        Jdbc.update(c, "UPDATE webhook_deliveries SET held = ? WHERE endpoint_id = ? AND " + WAITING, held, endpointId);
    }

    // ---- deliveries, as the merchant sees them ----

    @Override
    public Page<WebhookDelivery> list(BusinessId business, WebhookDelivery.Query q) {
        return jdbc.inTransaction(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + DELIVERY_COLUMNS
                    + " FROM webhook_deliveries WHERE business_id = ?");
            List<Object> values = new ArrayList<>(List.of(business.value()));
            if (q.startingAfter() != null) {
                Optional<Long> after = first(c, "SELECT delivery_order FROM webhook_deliveries"
                        + " WHERE delivery_id = ? AND business_id = ?", row -> row.getLong(1),
                        q.startingAfter(), business.value());
                if (after.isEmpty()) {
                    return new Page<WebhookDelivery>(List.of(), false);
                }
                sql.append(" AND delivery_order < ?");
                values.add(after.get());
            }
            if (q.endpointId() != null) {
                sql.append(" AND endpoint_id = ?");
                values.add(q.endpointId());
            }
            if (q.sessionId() != null) {
                sql.append(" AND session_id = ?");
                values.add(q.sessionId());
            }
            if (q.status() != null) {
                sql.append(" AND status = ?");
                values.add(q.status().name());
            }
            sql.append(" ORDER BY delivery_order DESC LIMIT ?");
            values.add(q.limit() + 1);
            List<WebhookDelivery> rows = query(c, sql.toString(), WebhookStore::readDelivery, values.toArray());
            return new Page<>(rows.subList(0, Math.min(q.limit(), rows.size())), rows.size() > q.limit());
        });
    }

    @Override
    public Optional<WebhookDelivery> get(BusinessId business, String deliveryId) {
        return jdbc.inTransaction(c -> findDelivery(c, business, deliveryId));
    }

    private static Optional<WebhookDelivery> findDelivery(Connection c, BusinessId business, String deliveryId)
            throws SQLException {
        if (!PrefixedId.isValid(WebhookDelivery.ID_PREFIX, deliveryId)) {
            return Optional.empty();
        }
        return first(c, "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE delivery_id = ?"
                + " AND business_id = ?", WebhookStore::readDelivery, deliveryId, business.value());
    }

    @Override
    public Optional<WebhookDelivery> redeliver(BusinessId business, String deliveryId, Instant now) {
        return jdbc.inTransaction(c -> {
            Optional<WebhookDelivery> original = findDelivery(c, business, deliveryId);
            if (original.isEmpty()) {
                return Optional.<WebhookDelivery>empty();
            }
            WebhookDelivery old = original.get();
            Optional<StoredEndpoint> endpoint = findEndpoint(c, business, old.endpointId(), true);
            if (endpoint.isEmpty()) {
                return Optional.<WebhookDelivery>empty();
            }
            String id = enqueue(c, endpoint.get().endpoint(), old.eventId(), old.eventType(), old.sessionId(),
                    old.requestBody(), now);
            return findDelivery(c, business, id);
        });
    }

    @Override
    public Optional<WebhookDelivery> sendTest(BusinessId business, String endpointId, Instant now) {
        return jdbc.inTransaction(c -> {
            Optional<StoredEndpoint> endpoint = findEndpoint(c, business, endpointId, true);
            if (endpoint.isEmpty()) {
                return Optional.<WebhookDelivery>empty();
            }
            String eventId = RandomTokens.id("evt_");
            String id = enqueue(c, endpoint.get().endpoint(), eventId, TEST_EVENT_TYPE, null,
                    TestEvent.json(eventId, endpointId, now), now);
            return findDelivery(c, business, id);
        });
    }

    /**
     * Inserts a delivery at the tail of its (endpoint, session) queue: due now when nothing of the
     * session waits for that endpoint, else queued (no attempt time) until the one ahead finishes.
     * The caller holds the endpoint's row lock.
     */
    private static String enqueue(Connection c, WebhookEndpoint endpoint, String eventId, String eventType,
            String sessionId, String body, Instant now) throws SQLException {
        boolean queued = sessionId != null && hasWaiting(c, endpoint.id(), sessionId);
        return insert(c, endpoint, eventId, eventType, sessionId, body, queued ? null : now, now);
    }

    /** Whether the (endpoint, session) queue has a waiting delivery, read with locks (see the class comment). */
    private static boolean hasWaiting(Connection c, String endpointId, String sessionId) throws SQLException {
        return !query(c, "SELECT delivery_order FROM webhook_deliveries WHERE endpoint_id = ? AND session_id = ?"
                + " AND " + WAITING + " FOR UPDATE", row -> row.getLong(1), endpointId, sessionId).isEmpty();
    }

    private static String insert(Connection c, WebhookEndpoint endpoint, String eventId, String eventType,
            String sessionId, String body, Instant due, Instant now) throws SQLException {
        Object[] values = insertValues(endpoint, eventId, eventType, sessionId, body, due, now);
        Jdbc.update(c, INSERT_DELIVERY, values);
        return (String) values[0];
    }

    private static Object[] insertValues(WebhookEndpoint endpoint, String eventId, String eventType, String sessionId,
            String body, Instant due, Instant now) {
        return new Object[] {RandomTokens.id(WebhookDelivery.ID_PREFIX), endpoint.id(), endpoint.businessId().value(),
                eventId, eventType, sessionId, body, !endpoint.enabled(), due, endpoint.url(), now};
    }

    /**
     * The (endpoint, session) pairs, as {@code "endpoint session"}, that have a waiting delivery,
     * read with locks (see the class comment).
     */
    private static Set<String> waitingPairs(Connection c, List<String> endpointIds, List<String> sessions)
            throws SQLException {
        Set<String> pairs = new HashSet<>();
        if (endpointIds.isEmpty()) {
            return pairs;
        }
        for (int from = 0; from < sessions.size(); from += 500) {
            List<String> chunk = sessions.subList(from, Math.min(sessions.size(), from + 500));
            List<Object> values = new ArrayList<>(endpointIds);
            values.addAll(chunk);
            pairs.addAll(query(c, "SELECT endpoint_id, session_id FROM webhook_deliveries WHERE endpoint_id IN ("
                    + marks(endpointIds.size()) + ") AND session_id IN (" + marks(chunk.size()) + ") AND " + WAITING
                    + " FOR UPDATE", row -> row.getString(1) + " " + row.getString(2), values.toArray()));
        }
        return pairs;
    }

    private static WebhookDelivery readDelivery(ResultSet row) throws SQLException {
        return new WebhookDelivery(row.getString("delivery_id"), row.getString("endpoint_id"),
                row.getString("event_id"), row.getString("event_type"), row.getString("session_id"),
                WebhookDelivery.Status.valueOf(row.getString("status")), row.getInt("attempts"),
                row.getString("request_url"), row.getString("body"), Jdbc.integer(row, "response_code"),
                row.getString("response_body"), instant(row, "last_attempt_at"), instant(row, "next_attempt_at"),
                instant(row, "created_at"));
    }

    // ---- the sink's own work: fan-out, claims, outcomes ----

    /**
     * Turns the committed events after the cursor into deliveries, one per enabled endpoint of the
     * event's business that subscribes to its type and existed when it happened; returns how many
     * events it took. The cursor row is held meanwhile, so instances take turns.
     */
    int fanOut(CommittedEvents events, Function<CommittedEvents.Positioned, String> render, int batch, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return fanOutOnce(events, render, batch, now);
            } catch (ConcurrentChangeException deadlockVictim) {
                // Rolled back whole (its waiting-pairs lock raced an outcome moving that queue on):
                // nothing was taken, and the next try sees the outcome.
                if (attempt == FAN_OUT_ATTEMPTS) {
                    throw deadlockVictim;
                }
            }
        }
    }

    private int fanOutOnce(CommittedEvents events, Function<CommittedEvents.Positioned, String> render, int batch,
            Instant now) {
        return jdbc.inTransaction(c -> {
            long last = first(c, "SELECT last_position FROM webhook_cursor WHERE cursor_id = 1 FOR UPDATE",
                    row -> row.getLong(1)).orElseThrow(() -> new IllegalStateException("webhook_cursor lost its row"));
            // The latest position first: every event up to it happened before an endpoint that is not
            // there yet is registered, so it could never be that endpoint's to receive.
            long latest = events.latestPosition();
            if (!anyLiveEndpoint(c)) {
                if (latest <= last) {
                    return 0;
                }
                Jdbc.update(c, "UPDATE webhook_cursor SET last_position = ? WHERE cursor_id = 1", latest);
                return (int) Math.min(latest - last, Integer.MAX_VALUE);
            }
            List<CommittedEvents.Positioned> next = events.after(last, batch);
            if (next.isEmpty()) {
                return 0;
            }
            Map<String, List<WebhookEndpoint>> endpoints = liveEndpointsOf(c, next.stream()
                    .map(p -> p.event().session().businessId().value()).distinct().toList());
            record Planned(WebhookEndpoint endpoint, String eventId, String eventType, String session, String body) {
            }
            List<Planned> planned = new ArrayList<>();
            for (CommittedEvents.Positioned positioned : next) {
                var event = positioned.event();
                String body = null;
                for (WebhookEndpoint endpoint : endpoints.getOrDefault(event.session().businessId().value(), List.of())) {
                    if (endpoint.subscribesTo(event.type()) && !endpoint.createdAt().isAfter(event.occurredAt())) {
                        body = body == null ? render.apply(positioned) : body;
                        planned.add(new Planned(endpoint, event.id().value(), event.type(),
                                event.session().id().value(), body));
                    }
                }
            }
            // a pair with a delivery waiting, or planned earlier in this batch, queues behind it
            Set<String> waiting = waitingPairs(c, planned.stream().map(p -> p.endpoint().id()).distinct().toList(),
                    planned.stream().map(Planned::session).distinct().toList());
            List<Object[]> rows = new ArrayList<>();
            for (Planned delivery : planned) {
                boolean queued = !waiting.add(delivery.endpoint().id() + " " + delivery.session());
                rows.add(insertValues(delivery.endpoint(), delivery.eventId(), delivery.eventType(), delivery.session(),
                        delivery.body(), queued ? null : now, now));
            }
            Jdbc.batch(c, INSERT_DELIVERY, rows);
            Jdbc.update(c, "UPDATE webhook_cursor SET last_position = ? WHERE cursor_id = 1", next.getLast().position());
            return next.size();
        });
    }

    private boolean anyLiveEndpoint(Connection c) throws SQLException {
        return first(c, "SELECT 1 FROM webhook_endpoints WHERE deleted_at IS NULL AND enabled = TRUE LIMIT 1",
                row -> true).isPresent();
    }

    /** Enabled live endpoints of these businesses. */
    private Map<String, List<WebhookEndpoint>> liveEndpointsOf(Connection c, List<String> businesses)
            throws SQLException {
        Map<String, List<WebhookEndpoint>> byBusiness = new HashMap<>();
        for (int from = 0; from < businesses.size(); from += 500) {
            List<String> chunk = businesses.subList(from, Math.min(businesses.size(), from + 500));
            for (StoredEndpoint stored : query(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints"
                            + " WHERE business_id IN (" + marks(chunk.size()) + ") AND deleted_at IS NULL AND enabled = TRUE",
                    this::readEndpoint, chunk.toArray())) {
                byBusiness.computeIfAbsent(stored.endpoint().businessId().value(), b -> new ArrayList<>())
                        .add(stored.endpoint());
            }
        }
        return byBusiness;
    }

    /**
     * Endpoints with deliveries due at {@code now}, the longest-waiting first, each marked when its
     * attempts have been failing (the dispatcher then gives it fewer slots).
     */
    List<DueEndpoint> endpointsWithDueDeliveries(Instant now, int limit) {
        return jdbc.inTransaction(c -> query(c, "SELECT d.endpoint_id, MIN(d.next_attempt_at) AS due,"
                        + " MAX(CASE WHEN e.failing_since IS NULL THEN 0 ELSE 1 END) AS failing"
                        + " FROM webhook_deliveries d JOIN webhook_endpoints e ON e.endpoint_id = d.endpoint_id"
                        + " WHERE d.held = FALSE AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)"
                        + " GROUP BY d.endpoint_id ORDER BY due LIMIT ?",
                row -> new DueEndpoint(row.getString("endpoint_id"), row.getInt("failing") == 1), now, now, limit));
    }

    record DueEndpoint(String id, boolean failing) {
    }

    /**
     * Leases up to {@code limit} of the endpoint's due deliveries to this instance until
     * {@code now + lease}, skipping rows another instance is claiming.
     */
    List<Delivery> claim(String endpointId, int limit, Instant now, Duration lease) {
        return jdbc.inTransaction(c -> {
            record Due(String id, String eventId, String sessionId, int attempts, String body) {
            }
            List<Due> due = query(c, "SELECT delivery_id, event_id, session_id, attempts, body"
                            + " FROM webhook_deliveries WHERE held = FALSE AND endpoint_id = ? AND next_attempt_at <= ?"
                            + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, delivery_order"
                            + " LIMIT ? FOR UPDATE SKIP LOCKED",
                    row -> new Due(row.getString("delivery_id"), row.getString("event_id"), row.getString("session_id"),
                            row.getInt("attempts"), row.getString("body")), endpointId, now, now, limit);
            if (due.isEmpty()) {
                return List.<Delivery>of();
            }
            Optional<StoredEndpoint> endpoint = first(c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints"
                    + " WHERE endpoint_id = ? AND deleted_at IS NULL AND enabled = TRUE", this::readEndpoint, endpointId);
            if (endpoint.isEmpty()) {
                return List.<Delivery>of();
            }
            List<SigningSecret> signing;
            try {
                signing = signingSecrets(endpoint.get(), now);
            } catch (IllegalStateException unreadable) {
                // sealed under another SLUICE_SECRETS_KEY, or a damaged row: these deliveries wait for
                // an instance that can sign them, and every other endpoint's still flow
                LOG.log(System.Logger.Level.WARNING, "webhook endpoint " + endpointId + ": " + unreadable.getMessage()
                        + "; its deliveries wait " + UNREADABLE_SECRET_PAUSE);
                Jdbc.update(c, "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE delivery_id IN ("
                        + marks(due.size()) + ")", thenIds(List.of(now.plus(UNREADABLE_SECRET_PAUSE)), due, Due::id));
                return List.<Delivery>of();
            }
            Jdbc.update(c, "UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ? WHERE delivery_id IN ("
                    + marks(due.size()) + ")", thenIds(List.of(owner, now.plus(lease)), due, Due::id));
            List<Delivery> claimed = new ArrayList<>();
            for (Due row : due) {
                claimed.add(new Delivery(row.id(), endpointId, row.eventId(), row.sessionId(), row.body(),
                        row.attempts(), endpoint.get().endpoint().url(), signing));
            }
            return claimed;
        });
    }

    /** {@code first}, then the id of each row: the parameters of an UPDATE … WHERE id IN (…). */
    private static <T> Object[] thenIds(List<?> first, List<T> rows, Function<T, String> id) {
        List<Object> values = new ArrayList<>(first);
        rows.forEach(row -> values.add(id.apply(row)));
        return values.toArray();
    }

    /**
     * Records an attempt's outcome, if this instance still holds the lease (false when it lost it).
     * {@code next} is the next attempt's time after a failure, null when the delivery gives up.
     * A finished delivery lets the next queued one of its session go.
     */
    boolean record(Delivery delivery, AttemptResult result, Instant now, Instant next, Duration failingLimit) {
        return recordAll(List.of(new Attempted(delivery, result, now, next)), failingLimit).getFirst();
    }

    /** What one attempt came to, to be recorded. */
    record Attempted(Delivery delivery, AttemptResult result, Instant at, Instant next) {
    }

    /**
     * Records the outcomes of several attempts in one transaction; for each, whether this instance
     * still held its lease (an outcome of a lost lease changes no delivery). Endpoints are written
     * first and in id order, as every management change writes an endpoint before its deliveries,
     * so that none of them deadlock.
     */
    List<Boolean> recordAll(List<Attempted> outcomes, Duration failingLimit) {
        List<Attempted> ordered = outcomes.stream()
                .sorted(java.util.Comparator.comparing(outcome -> outcome.delivery().endpointId()))
                .toList();
        Map<Attempted, Boolean> recorded = jdbc.inTransaction(c -> {
            Map<Attempted, Boolean> result = new HashMap<>();
            for (Attempted outcome : ordered) {
                recordOnEndpoint(c, outcome.delivery().endpointId(), outcome.result(), outcome.at(), failingLimit);
            }
            for (Attempted outcome : ordered) {
                result.put(outcome, recordOnDelivery(c, outcome));
            }
            return result;
        });
        return outcomes.stream().map(recorded::get).toList();
    }

    private boolean recordOnDelivery(Connection c, Attempted outcome) throws SQLException {
        Delivery delivery = outcome.delivery();
        AttemptResult result = outcome.result();
        WebhookDelivery.Status status = result.succeeded() ? WebhookDelivery.Status.DELIVERED
                : outcome.next() == null ? WebhookDelivery.Status.FAILED : WebhookDelivery.Status.RETRYING;
        boolean finished = status != WebhookDelivery.Status.RETRYING;
        int updated = Jdbc.update(c, "UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1,"
                        + " next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, request_url = ?,"
                        + " response_code = ?, response_body = ?, last_attempt_at = ?"
                        + " WHERE delivery_id = ? AND lease_owner = ?",
                status.name(), finished ? null : outcome.next(), result.url(), result.responseCode(),
                result.responseBody(), outcome.at(), delivery.deliveryId(), owner);
        if (updated == 1 && finished && delivery.sessionId() != null) {
            promoteNext(c, delivery.endpointId(), delivery.sessionId(), outcome.at());
        }
        return updated == 1;
    }

    /**
     * A success ends the endpoint's failing streak; a failure starts it, or past {@code failingLimit}
     * disables the endpoint, as a 410 does at once. A healthy endpoint's row is not written at all.
     */
    private static void recordOnEndpoint(Connection c, String endpointId, AttemptResult result, Instant now,
            Duration failingLimit) throws SQLException {
        if (result.succeeded()) {
            Jdbc.update(c, "UPDATE webhook_endpoints SET failing_since = NULL WHERE endpoint_id = ?"
                    + " AND failing_since IS NOT NULL", endpointId);
        } else if (result.gone()) {
            disable(c, endpointId, DisabledReason.GONE, now);
        } else {
            Jdbc.update(c, "UPDATE webhook_endpoints SET failing_since = ? WHERE endpoint_id = ?"
                    + " AND failing_since IS NULL", now, endpointId);
            Optional<Instant> failingSince = first(c, "SELECT failing_since FROM webhook_endpoints"
                    + " WHERE endpoint_id = ? AND enabled = TRUE", row -> instant(row, "failing_since"), endpointId);
            if (failingSince.isPresent() && !failingSince.get().plus(failingLimit).isAfter(now)) {
                disable(c, endpointId, DisabledReason.FAILING, now);
            }
        }
    }

    private static void promoteNext(Connection c, String endpointId, String sessionId, Instant now)
            throws SQLException {
        // the lowest order by the queue index, not MIN(), which yields a row of NULL on an empty queue
        Optional<Long> next = first(c, "SELECT delivery_order FROM webhook_deliveries WHERE endpoint_id = ?"
                        + " AND session_id = ? AND status = 'PENDING' AND next_attempt_at IS NULL"
                        + " ORDER BY delivery_order LIMIT 1", row -> row.getLong(1), endpointId, sessionId);
        if (next.isPresent()) {
            Jdbc.update(c, "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE delivery_order = ?", now, next.get());
        }
    }

    private static void disable(Connection c, String endpointId, DisabledReason reason, Instant now)
            throws SQLException {
        Jdbc.update(c, "UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = ?, updated_at = ?"
                + " WHERE endpoint_id = ?", reason.name(), now, endpointId);
        hold(c, endpointId, true);
    }

    /** Gives back deliveries this instance leased but will not attempt (shutting down, endpoint busy). */
    void release(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.inTransaction(c -> {
            for (Delivery delivery : deliveries) {
                Jdbc.update(c, "UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL"
                        + " WHERE delivery_id = ? AND lease_owner = ?", delivery.deliveryId(), owner);
            }
            return null;
        });
    }

    /** Deliveries due or queued, and the creation time of the oldest of them. */
    Backlog backlog() {
        return jdbc.inTransaction(c -> first(c, "SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest"
                + " FROM webhook_deliveries WHERE " + WAITING + " AND held = FALSE",
                row -> new Backlog(row.getLong("waiting"), instant(row, "oldest"))).orElseThrow());
    }

    record Backlog(long count, Instant oldestCreatedAt) {
    }
}
