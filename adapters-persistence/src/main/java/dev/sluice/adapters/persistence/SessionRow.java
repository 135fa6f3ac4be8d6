package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.amount;
import static dev.sluice.adapters.persistence.Columns.enumValue;
import static dev.sluice.adapters.persistence.Columns.flag;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.number;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.WidgetId;
import io.helidon.dbclient.DbRow;
import java.util.Map;

/**
 * A session's columns, both ways. {@code deposit_sessions} holds the current state and every
 * {@code outbox_events} row the state right after its event, under the same column names.
 */
final class SessionRow {
    /** The columns a transition may rewrite. */
    static final String MUTABLE_COLUMNS = "status, tx_id, amount_received, amount_received_value, late_payment,"
            + " confirmed_at, cancelled_at, last_sequence";
    static final String COLUMNS = "session_id, widget_id, business_id, amount, amount_value, currency, network,"
            + " currency_address, deposit_address, customer_email, customer_reference, metadata, created_at,"
            + " expires_at, version, " + MUTABLE_COLUMNS;

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
                "created_at", utc(session.createdAt()),
                "expires_at", utc(session.expiresAt()),
                "version", session.version(),
                "status", session.status().name(),
                "tx_id", session.txId(),
                "amount_received", Columns.text(session.amountReceived()),
                "amount_received_value", Columns.value(session.amountReceived()),
                "late_payment", session.latePayment(),
                "confirmed_at", utc(session.confirmedAt()),
                "cancelled_at", utc(session.cancelledAt()),
                "last_sequence", session.lastSequence());
    }

    static DepositSession read(DbRow row) {
        String metadata = text(row, "metadata");
        DepositSession.Terms terms = new DepositSession.Terms(
                amount(row, "amount"),
                text(row, "currency"),
                text(row, "network"),
                text(row, "currency_address"),
                text(row, "deposit_address"),
                text(row, "customer_email"),
                text(row, "customer_reference"),
                metadata == null ? null : new Metadata(metadata));
        return DepositSession.restore(
                new SessionId(text(row, "session_id")),
                new WidgetId(text(row, "widget_id")),
                new BusinessId(text(row, "business_id")),
                terms,
                enumValue(PaymentStatus.class, row, "status"),
                text(row, "tx_id"),
                amount(row, "amount_received"),
                flag(row, "late_payment"),
                instant(row, "created_at"),
                instant(row, "expires_at"),
                instant(row, "confirmed_at"),
                instant(row, "cancelled_at"),
                number(row, "last_sequence"),
                number(row, "version"));
    }
}
