package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.out.Observations;
import dev.sluice.domain.session.RecordedObservation;
import java.util.Map;
import java.util.Optional;

final class JdbcObservations implements Observations {
    static final Map<String, String> STATEMENTS = Map.of(
            "observations.insert", Sql.insert("observations", ObservationRow.COLUMNS),
            "observations.find", "SELECT " + ObservationRow.COLUMNS + " FROM observations"
                    + " WHERE observation_id = :observation_id");

    private final Database db;

    JdbcObservations(Database db) {
        this.db = db;
    }

    /**
     * A repeated id breaks the primary key. MySQL, MariaDB and H2 undo only the failed statement,
     * so a surrounding unit of work goes on.
     */
    @Override
    public boolean add(RecordedObservation observation) {
        try {
            db.dml("observations.insert", ObservationRow.params(observation));
            return true;
        } catch (RuntimeException failure) {
            if (StoreFailures.isDuplicateKey(failure)) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public Optional<RecordedObservation> findById(String observationId) {
        return db.get("observations.find", params("observation_id", observationId), ObservationRow::read);
    }
}
