package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcDepositSessions implements DepositSessions {
    private static final String SELECT = "SELECT " + SessionRow.COLUMNS + " FROM deposit_sessions";
    // Newest first: a page starts below the cursor session's (created_at, session_id).
    private static final String PAGE = " AND (created_at < :after_created_at"
            + " OR (created_at = :after_created_at AND session_id < :after))";
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, session_id DESC LIMIT :limit";

    static final Map<String, String> STATEMENTS = Map.ofEntries(
            Map.entry("sessions.find", SELECT + " WHERE session_id = :session_id"),
            Map.entry("sessions.findForUpdate", SELECT + " WHERE session_id = :session_id FOR UPDATE"),
            Map.entry("sessions.insert", Sql.insert("deposit_sessions", SessionRow.COLUMNS)),
            Map.entry("sessions.update", "UPDATE deposit_sessions SET " + Sql.assignments(SessionRow.MUTABLE_COLUMNS)
                    + ", version = version + 1 WHERE session_id = :session_id AND version = :version"),
            Map.entry("sessions.cursor", "SELECT created_at FROM deposit_sessions"
                    + " WHERE session_id = :after AND widget_id = :widget_id"),
            Map.entry("sessions.listByWidget", SELECT + " WHERE widget_id = :widget_id" + NEWEST_FIRST),
            Map.entry("sessions.listByWidgetAfter", SELECT + " WHERE widget_id = :widget_id" + PAGE + NEWEST_FIRST),
            Map.entry("sessions.listByWidgetStatus", SELECT + " WHERE widget_id = :widget_id AND status = :status"
                    + NEWEST_FIRST),
            Map.entry("sessions.listByWidgetStatusAfter", SELECT + " WHERE widget_id = :widget_id AND status = :status"
                    + PAGE + NEWEST_FIRST),
            // SKIP LOCKED: several instances sweep at once, each taking sessions no other one holds.
            Map.entry("sessions.claimDueForExpiry", SELECT + " WHERE status = 'CREATED' AND expires_at <= :now"
                    + " ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED"),
            Map.entry("payments.ofSession", "SELECT " + PaymentRows.COLUMNS + " FROM deposit_payments"
                    + " WHERE session_id = :session_id ORDER BY payment_number"),
            // A payment's number and transaction never change; the rest follows its observations.
            Map.entry("payments.upsert", Sql.insert("deposit_payments", PaymentRows.COLUMNS)
                    + " ON DUPLICATE KEY UPDATE status = VALUES(status), amount = VALUES(amount),"
                    + " amount_value = VALUES(amount_value), confirmations = VALUES(confirmations),"
                    + " confirmed_at = VALUES(confirmed_at)"));

    // The payments of a page of sessions in one round trip; see ListStatement.
    private static final ListStatement PAYMENTS_OF_SESSIONS = new ListStatement("payments.ofSessions", n ->
            "SELECT " + PaymentRows.COLUMNS + " FROM deposit_payments WHERE session_id IN ("
                    + ListStatement.parameters(n) + ") ORDER BY session_id, payment_number");

    private final Database db;

    JdbcDepositSessions(Database db) {
        this.db = db;
    }

    @Override
    public Optional<DepositSession> findById(SessionId id) {
        return db.get("sessions.find", params("session_id", id.value()), JdbcDepositSessions::withoutPayments)
                .map(this::withPayments);
    }

    @Override
    public Optional<DepositSession> findByIdForUpdate(SessionId id) {
        return db.get("sessions.findForUpdate", params("session_id", id.value()), JdbcDepositSessions::withoutPayments)
                .map(this::withPayments);
    }

    @Override
    public void add(DepositSession session) {
        db.dml("sessions.insert", SessionRow.params(session));
        storePayments(session);
    }

    @Override
    public void update(DepositSession session) {
        if (db.dml("sessions.update", SessionRow.params(session)) == 0) {
            throw new ConcurrentChangeException(
                    "session " + session.id() + " changed since version " + session.version());
        }
        storePayments(session);
    }

    /** Payments are only ever added or moved on, never removed: each one is written as it is now. */
    private void storePayments(DepositSession session) {
        List<Payment> payments = session.payments();
        for (int i = 0; i < payments.size(); i++) {
            db.dml("payments.upsert", PaymentRows.params(session.id(), i + 1, payments.get(i)));
        }
    }

    private static DepositSession withoutPayments(DbRow row) {
        return SessionRow.read(row, List.of());
    }

    private DepositSession withPayments(DepositSession session) {
        return SessionRow.withPayments(session, db.query("payments.ofSession",
                params("session_id", session.id().value()), row -> PaymentRows.read(row).payment()));
    }

    private List<DepositSession> withPayments(List<DepositSession> sessions) {
        if (sessions.isEmpty()) {
            return sessions;
        }
        List<String> ids = sessions.stream().map(s -> s.id().value()).toList();
        List<PaymentRows.Row> rows = new ArrayList<>();
        for (List<String> chunk : ListStatement.chunks(ids)) {
            rows.addAll(db.query(PAYMENTS_OF_SESSIONS.name(), PAYMENTS_OF_SESSIONS.sql(chunk.size()), chunk,
                    PaymentRows::read));
        }
        Map<String, List<Payment>> bySession = PaymentRows.bySession(rows);
        return sessions.stream()
                .map(s -> SessionRow.withPayments(s, bySession.getOrDefault(s.id().value(), List.of())))
                .toList();
    }

    @Override
    public Page<DepositSession> listByWidget(WidgetId widget, Optional<PaymentStatus> status, int limit,
            Optional<SessionId> startingAfter) {
        Map<String, Object> params = params("widget_id", widget.value(), "limit", limit + 1);
        status.ifPresent(s -> params.put("status", s.name()));
        if (startingAfter.isPresent()) {
            params.put("after", startingAfter.get().value());
            Optional<Instant> cursor = db.get("sessions.cursor", params, row -> Columns.instant(row, "created_at"));
            if (cursor.isEmpty()) {
                // a cursor that names no session of this widget has nothing after it
                return new Page<>(List.of(), false);
            }
            params.put("after_created_at", Columns.utc(cursor.get()));
        }
        String statement = "sessions.listByWidget" + (status.isPresent() ? "Status" : "")
                + (startingAfter.isPresent() ? "After" : "");
        List<DepositSession> rows = db.query(statement, params, JdbcDepositSessions::withoutPayments);
        return new Page<>(withPayments(rows.subList(0, Math.min(limit, rows.size()))), rows.size() > limit);
    }

    @Override
    public List<DepositSession> claimDueForExpiry(Instant now, int limit) {
        return withPayments(db.query("sessions.claimDueForExpiry", params("now", Columns.utc(now), "limit", limit),
                JdbcDepositSessions::withoutPayments));
    }
}
