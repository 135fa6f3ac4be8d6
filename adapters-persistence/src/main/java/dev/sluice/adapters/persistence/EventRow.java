package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.enumValue;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.number;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionEvent;
import io.helidon.dbclient.DbRow;
import java.util.Map;

/**
 * The {@code outbox_events} row of an event: the event itself and the session right after it, so
 * that a relay or the feed renders the event without the session's current state.
 */
final class EventRow {
    static final String COLUMNS = "event_id, sequence, previous_status, occurred_at, " + SessionRow.COLUMNS;

    private EventRow() {
    }

    static Map<String, Object> params(SessionEvent event) {
        Map<String, Object> params = SessionRow.params(event.session());
        params.putAll(Database.params(
                "event_id", event.id().value(),
                "sequence", event.sequence(),
                "previous_status", Columns.name(event.previousStatus()),
                "occurred_at", utc(event.occurredAt())));
        return params;
    }

    static SessionEvent read(DbRow row) {
        return new SessionEvent(
                new EventId(text(row, "event_id")),
                number(row, "sequence"),
                enumValue(PaymentStatus.class, row, "previous_status"),
                instant(row, "occurred_at"),
                SessionRow.read(row));
    }
}
