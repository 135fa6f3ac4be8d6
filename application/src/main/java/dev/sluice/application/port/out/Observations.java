package dev.sluice.application.port.out;

import dev.sluice.domain.session.RecordedObservation;
import java.util.Optional;

/** Every observation ever reported, each stored once per observation id. */
public interface Observations {
    /** Stores the observation; false (and nothing stored) when its id is already known. */
    boolean add(RecordedObservation observation);

    Optional<RecordedObservation> findById(String observationId);
}
