package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Fixtures.newBusiness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.widget.Widget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Arrays;
import java.util.Comparator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A database of the schema before payments had a table (the version before V8) migrates on with every session's one
 * transaction as its one payment, and its old events still render theirs.
 */
abstract class PaymentsMigrationContract {
    private static final Instant T0 = Instant.parse("2026-06-09T12:00:00.000Z");

    /** An empty database of its own, on the engine under test. */
    abstract DatabaseSettings emptyDatabase() throws SQLException;

    @Test
    void sessionsOfThePreviousSchemaReadBackWithTheirPayment() throws SQLException {
        DatabaseSettings settings = emptyDatabase();
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .jdbcProperties(settings.driverProperties()).locations("classpath:db/sluice");
        MigrationVersion payments = MigrationVersion.fromVersion("8");
        MigrationVersion previous = Arrays.stream(flyway.load().info().all()).map(MigrationInfo::getVersion)
                .filter(version -> version.compareTo(payments) < 0)
                .max(Comparator.naturalOrder()).orElseThrow();
        flyway.target(previous).load().migrate();
        PersistenceModule before = PersistenceModule.connect(settings);
        Widget widget = Fixtures.storedWidget(before, newBusiness(), T0);
        before.close();
        SessionId created = SessionId.generate();
        SessionId pending = SessionId.generate();
        SessionId confirmed = SessionId.generate();
        SessionId failed = SessionId.generate();
        SessionId cancelled = SessionId.generate();
        try (Connection sql = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
            oldSession(sql, widget, created, "CREATED", null, null, null, null);
            oldSession(sql, widget, pending, "PENDING", "0xpending", null, null, null);
            oldObservation(sql, pending, "0xpending", 3, T0.plusSeconds(70));
            oldSession(sql, widget, confirmed, "UNDERPAID", "0xconfirmed", "99.50", T0.plusSeconds(300), null);
            oldEvent(sql, widget, confirmed, "UNDERPAID", "0xconfirmed", "99.50", T0.plusSeconds(300));
            oldSession(sql, widget, failed, "FAILED", "0xfailed", null, null, null);
            oldSession(sql, widget, cancelled, "EXPIRED", "0xcancelled", null, null, T0.plusSeconds(600));
            oldObservation(sql, cancelled, "0xcancelled", 1, T0.plusSeconds(500));
        }

        PersistenceModule.migrate(settings);
        PersistenceModule after = PersistenceModule.connect(settings);
        try {
            assertEquals(List.of(), session(after, created).payments());
            assertEquals(List.of(new Payment("0xpending", null, 3, Payment.Status.DETECTED, T0.plusSeconds(70), null)),
                    session(after, pending).payments());
            DepositSession paid = session(after, confirmed);
            assertEquals(List.of(new Payment("0xconfirmed", new Amount("99.50"), 0, Payment.Status.CONFIRMED,
                    T0.plusSeconds(300), T0.plusSeconds(300))), paid.payments());
            assertEquals("99.50", paid.amountReceived().toPlainString());
            assertEquals("1.00", paid.amountDue().toPlainString());
            assertEquals(PaymentStatus.UNDERPAID, paid.statusAt(T0.plusSeconds(900)), "the rules agree with the old status");
            assertEquals("0", paid.terms().paymentTolerancePercent().text());
            assertFalse(paid.testMode());
            assertEquals(Payment.Status.FAILED, session(after, failed).payments().getFirst().status());
            DepositSession setAside = session(after, cancelled);
            assertEquals(Payment.Status.DETECTED, setAside.payments().getFirst().status());
            assertEquals(PaymentStatus.EXPIRED, setAside.statusAt(T0.plusSeconds(900)),
                    "a payment seen before the cancel stays set aside");

            SessionEvent event = after.eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10)
                    .items().getFirst();
            assertEquals(paid.payments(), event.session().payments());
        } finally {
            after.close();
        }
    }

    private static DepositSession session(PersistenceModule db, SessionId id) {
        return db.depositSessions().findById(id).orElseThrow();
    }

    private static final String SESSION_COLUMNS = "session_id, widget_id, business_id, amount, amount_value, currency,"
            + " network, currency_address, deposit_address, customer_email, customer_reference, metadata, status,"
            + " tx_id, amount_received, amount_received_value, late_payment, created_at, expires_at, confirmed_at,"
            + " cancelled_at, last_sequence, version";

    private static void oldSession(Connection sql, Widget widget, SessionId id, String status, String txId,
            String received, Instant confirmedAt, Instant cancelledAt) throws SQLException {
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO deposit_sessions (" + SESSION_COLUMNS
                + ") VALUES (?, ?, ?, '100.50', 100.50, 'USDC', 'polygon', '', '0xMerchant', NULL, NULL, NULL, ?,"
                + " ?, ?, ?, FALSE, ?, ?, ?, ?, 2, 1)")) {
            insert.setString(1, id.value());
            insert.setString(2, widget.id().value());
            insert.setString(3, widget.businessId().value());
            bindState(insert, 4, status, txId, received, confirmedAt, cancelledAt);
            insert.executeUpdate();
        }
    }

    private static void bindState(PreparedStatement insert, int first, String status, String txId, String received,
            Instant confirmedAt, Instant cancelledAt) throws SQLException {
        insert.setString(first, status);
        insert.setString(first + 1, txId);
        insert.setString(first + 2, received);
        insert.setBigDecimal(first + 3, received == null ? null : new Amount(received).value());
        insert.setString(first + 4, Columns.utc(T0));
        insert.setString(first + 5, Columns.utc(T0.plusSeconds(1800)));
        insert.setString(first + 6, Columns.utc(confirmedAt));
        insert.setString(first + 7, Columns.utc(cancelledAt));
    }

    private static void oldObservation(Connection sql, SessionId id, String txId, long confirmations, Instant seen)
            throws SQLException {
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO observations (observation_id, session_id,"
                + " kind, tx_id, confirmations, observed_at, outcome, recorded_at)"
                + " VALUES (?, ?, 'DETECTED', ?, ?, ?, 'APPLIED', ?)")) {
            insert.setString(1, RandomTokens.id("obs_"));
            insert.setString(2, id.value());
            insert.setString(3, txId);
            insert.setLong(4, confirmations);
            insert.setString(5, Columns.utc(seen));
            insert.setString(6, Columns.utc(seen));
            insert.executeUpdate();
        }
    }

    private static void oldEvent(Connection sql, Widget widget, SessionId id, String status, String txId,
            String received, Instant confirmedAt) throws SQLException {
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO outbox_events (event_id, sequence,"
                + " previous_status, occurred_at, " + SESSION_COLUMNS + ") VALUES (?, 2, 'CREATED', ?, ?, ?, ?,"
                + " '100.50', 100.50, 'USDC', 'polygon', '', '0xMerchant', NULL, NULL, NULL, ?, ?, ?, ?, FALSE, ?,"
                + " ?, ?, ?, 2, 1)")) {
            insert.setString(1, RandomTokens.id("evt_"));
            insert.setString(2, Columns.utc(confirmedAt));
            insert.setString(3, id.value());
            insert.setString(4, widget.id().value());
            insert.setString(5, widget.businessId().value());
            bindState(insert, 6, status, txId, received, confirmedAt, null);
            insert.executeUpdate();
        }
    }
}
