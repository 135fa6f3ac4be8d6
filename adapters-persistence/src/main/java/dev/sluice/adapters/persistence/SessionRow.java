package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.amount;
import static dev.sluice.adapters.persistence.Columns.enumValue;
import static dev.sluice.adapters.persistence.Columns.flag;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.number;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.WidgetId;
import io.helidon.dbclient.DbRow;
import java.util.List;
import java.util.Map;

/**
 * A session's columns, both ways. {@code deposit_sessions} holds the current state and every
 * {@code outbox_events} row the state right after its event, under the same column names.
 */
final class SessionRow {
    /** The columns a change may rewrite; tx_id and amount_received follow from the payments. */
    static final String MUTABLE_COLUMNS = "status, tx_id, amount_received, amount_received_value, late_payment,"
            + " confirmed_at, cancelled_at, last_sequence";
    static final String COLUMNS = "session_id, widget_id, business_id, amount, amount_value, currency, network,"
            + " currency_address, deposit_address, customer_email, customer_reference, metadata,"
            + " payment_tolerance_percent, test_mode, created_at, expires_at, version, " + MUTABLE_COLUMNS;
    static final List<String> COLUMN_NAMES = Columns.names(COLUMNS);

    private SessionRow() {
    }

    static Map<String, Object> params(DepositSession session) {
        return Columns.byName(COLUMN_NAMES, values(session));
    }

    /**
     * The columns' values in {@link #COLUMNS} order: the group committer binds them as they are,
     * without a map of names (building one per session was a twentieth of Sluice's CPU under load).
     */
    static Object[] values(DepositSession session) {
        DepositSession.Terms terms = session.terms();
        return new Object[] {
                session.id().value(),
                session.widgetId().value(),
                session.businessId().value(),
                terms.amount().text(),
                terms.amount().value(),
                terms.currency(),
                terms.network(),
                terms.currencyAddress(),
                terms.depositAddress(),
                terms.customerEmail(),
                terms.customerReference(),
                terms.metadata() == null ? null : terms.metadata().compactJson(),
                terms.paymentTolerancePercent().text(),
                terms.testMode(),
                utc(session.createdAt()),
                utc(session.expiresAt()),
                session.version(),
                session.status().name(),
                session.txId(),
                session.amountReceived() == null ? null : session.amountReceived().toPlainString(),
                session.amountReceived(),
                session.latePayment(),
                utc(session.confirmedAt()),
                utc(session.cancelledAt()),
                session.lastSequence()};
    }

    /** The session of {@code row} with {@code payments}, oldest first. */
    static DepositSession read(DbRow row, List<Payment> payments) {
        String metadata = text(row, "metadata");
        DepositSession.Terms terms = new DepositSession.Terms(
                amount(row, "amount"),
                text(row, "currency"),
                text(row, "network"),
                text(row, "currency_address"),
                text(row, "deposit_address"),
                text(row, "customer_email"),
                text(row, "customer_reference"),
                metadata == null ? null : new Metadata(metadata),
                amount(row, "payment_tolerance_percent"),
                flag(row, "test_mode"));
        return DepositSession.restore(
                new SessionId(text(row, "session_id")),
                new WidgetId(text(row, "widget_id")),
                new BusinessId(text(row, "business_id")),
                terms,
                enumValue(PaymentStatus.class, row, "status"),
                payments,
                flag(row, "late_payment"),
                instant(row, "created_at"),
                instant(row, "expires_at"),
                instant(row, "confirmed_at"),
                instant(row, "cancelled_at"),
                number(row, "last_sequence"),
                number(row, "version"));
    }

    /** {@code session} with its payments, read apart from its row. */
    static DepositSession withPayments(DepositSession session, List<Payment> payments) {
        return DepositSession.restore(session.id(), session.widgetId(), session.businessId(), session.terms(),
                session.status(), payments, session.latePayment(), session.createdAt(), session.expiresAt(),
                session.confirmedAt(), session.cancelledAt(), session.lastSequence(), session.version());
    }
}
