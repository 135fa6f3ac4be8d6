package dev.sluice.application.fakes;

import dev.sluice.application.port.out.Observations;
import dev.sluice.domain.session.RecordedObservation;
import java.util.Optional;

public final class InMemoryObservations extends InMemoryTable<String, RecordedObservation> implements Observations {

    InMemoryObservations(InMemoryStore store) {
        super(store, observation -> observation.observation().observationId());
    }

    @Override
    public boolean add(RecordedObservation observation) {
        return insert("add", observation);
    }

    @Override
    public Optional<RecordedObservation> findById(String observationId) {
        return find(observationId);
    }
}
