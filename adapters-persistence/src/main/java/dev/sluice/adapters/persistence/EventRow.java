package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.enumValue;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.number;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.Amount;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code outbox_events} row of an event: the event itself and the session right after it, so
 * that a relay or the feed renders the event without the session's current state.
 */
final class EventRow {
    static final String COLUMNS = "event_id, sequence, previous_status, occurred_at, payments, " + SessionRow.COLUMNS;
    static final List<String> COLUMN_NAMES = Columns.names(COLUMNS);
    private static final int OWN_COLUMNS = COLUMN_NAMES.size() - SessionRow.COLUMN_NAMES.size();

    private EventRow() {
    }

    static Map<String, Object> params(SessionEvent event) {
        return Columns.byName(COLUMN_NAMES, values(event, SessionRow.values(event.session())));
    }

    /**
     * The columns' values in {@link #COLUMNS} order, from the values of its session's columns
     * ({@link SessionRow#values}), which are copied, not changed.
     */
    static Object[] values(SessionEvent event, Object[] sessionValues) {
        Object[] values = new Object[OWN_COLUMNS + sessionValues.length];
        values[0] = event.id().value();
        values[1] = event.sequence();
        values[2] = Columns.name(event.previousStatus());
        values[3] = utc(event.occurredAt());
        values[4] = PaymentRows.json(event.session().payments());
        System.arraycopy(sessionValues, 0, values, OWN_COLUMNS, sessionValues.length);
        return values;
    }

    static SessionEvent read(DbRow row) {
        return new SessionEvent(
                new EventId(text(row, "event_id")),
                number(row, "sequence"),
                enumValue(PaymentStatus.class, row, "previous_status"),
                instant(row, "occurred_at"),
                SessionRow.read(row, payments(row)));
    }

    /**
     * The payments right after the event. An event written before payments had a table of their
     * own kept only the session's one transaction, in tx_id and amount_received.
     */
    private static List<Payment> payments(DbRow row) {
        String json = text(row, "payments");
        if (json != null) {
            return PaymentRows.fromJson(json);
        }
        String txId = text(row, "tx_id");
        if (txId == null) {
            return List.of();
        }
        Amount received = Columns.amount(row, "amount_received");
        Instant confirmedAt = instant(row, "confirmed_at");
        Instant seen = confirmedAt != null ? confirmedAt : instant(row, "occurred_at");
        if (received != null) {
            return List.of(new Payment(txId, received, 0, Payment.Status.CONFIRMED, seen, seen));
        }
        boolean failed = enumValue(PaymentStatus.class, row, "status") == PaymentStatus.FAILED;
        return List.of(new Payment(txId, null, 0, failed ? Payment.Status.FAILED : Payment.Status.DETECTED, seen, null));
    }
}
