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

    private SessionRow() {
    }

    static Map<String, Object> params(DepositSession session) {
        DepositSession.Terms terms = session.terms();
        return Database.params(
                "session_id", session.id().value(),
                "widget_id", session.widgetId().value(),
                "business_id", session.businessId().value(),
                "amount", terms.amount().text(),
                "amount_value", terms.amount().value(),
                "currency", terms.currency(),
                "network", terms.network(),
                "currency_address", terms.currencyAddress(),
                "deposit_address", terms.depositAddress(),
                "customer_email", terms.customerEmail(),
                "customer_reference", terms.customerReference(),
                "metadata", terms.metadata() == null ? null : terms.metadata().compactJson(),
                "payment_tolerance_percent", terms.paymentTolerancePercent().text(),
                "test_mode", terms.testMode(),
                "created_at", utc(session.createdAt()),
                "expires_at", utc(session.expiresAt()),
                "version", session.version(),
                "status", session.status().name(),
                "tx_id", session.txId(),
                "amount_received", session.amountReceived() == null ? null : session.amountReceived().toPlainString(),
                "amount_received_value", session.amountReceived(),
                "late_payment", session.latePayment(),
                "confirmed_at", utc(session.confirmedAt()),
                "cancelled_at", utc(session.cancelledAt()),
                "last_sequence", session.lastSequence());
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
