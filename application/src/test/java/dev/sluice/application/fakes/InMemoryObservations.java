package dev.sluice.application.fakes;

import dev.sluice.application.port.out.Observations;
import dev.sluice.domain.session.RecordedObservation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryObservations implements Observations, Transactional {
    private final InMemoryUnitOfWork.Guard guard;
    private Map<String, RecordedObservation> byId = new LinkedHashMap<>();

    InMemoryObservations(InMemoryUnitOfWork.Guard guard) {
        this.guard = guard;
    }

    @Override
    public boolean add(RecordedObservation observation) {
        guard.requireTransaction("add");
        return byId.putIfAbsent(observation.observation().observationId(), observation) == null;
    }

    @Override
    public Optional<RecordedObservation> findById(String observationId) {
        return Optional.ofNullable(byId.get(observationId));
    }

    public List<RecordedObservation> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(byId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        byId = (Map<String, RecordedObservation>) snapshot;
    }
}
