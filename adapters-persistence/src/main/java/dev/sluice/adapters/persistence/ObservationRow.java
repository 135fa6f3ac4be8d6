package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.amount;
import static dev.sluice.adapters.persistence.Columns.enumValue;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.nullableNumber;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationKind;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.session.SessionId;
import io.helidon.dbclient.DbRow;
import java.util.Map;

/** The {@code observations} row of a recorded observation, both ways. */
final class ObservationRow {
    static final String COLUMNS = "observation_id, session_id, kind, tx_id, amount_received, amount_received_value,"
            + " confirmations, observed_at, outcome, recorded_at";

    private ObservationRow() {
    }

    static Map<String, Object> params(RecordedObservation recorded) {
        Observation o = recorded.observation();
        return Database.params(
                "observation_id", o.observationId(),
                "session_id", recorded.sessionId().value(),
                "kind", o.kind().name(),
                "tx_id", o.txId(),
                "amount_received", Columns.text(o.amountReceived()),
                "amount_received_value", Columns.value(o.amountReceived()),
                "confirmations", o.confirmations(),
                "observed_at", utc(o.observedAt()),
                "outcome", recorded.outcome().name(),
                "recorded_at", utc(recorded.recordedAt()));
    }

    static RecordedObservation read(DbRow row) {
        Observation observation = new Observation(
                text(row, "observation_id"),
                enumValue(ObservationKind.class, row, "kind"),
                text(row, "tx_id"),
                amount(row, "amount_received"),
                nullableNumber(row, "confirmations"),
                instant(row, "observed_at"));
        return new RecordedObservation(
                new SessionId(text(row, "session_id")),
                observation,
                enumValue(RecordedObservation.Outcome.class, row, "outcome"),
                instant(row, "recorded_at"));
    }
}
