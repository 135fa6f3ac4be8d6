package dev.sluice.application.fakes;

import dev.sluice.application.port.out.Observations;
import dev.sluice.domain.session.RecordedObservation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryObservations implements Observations, InMemoryStore.Table {
    private final InMemoryStore store;
    private Map<String, RecordedObservation> byId = new LinkedHashMap<>();

    InMemoryObservations(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public boolean add(RecordedObservation observation) {
        synchronized (store) {
            store.requireUnitOfWork("add");
            return byId.putIfAbsent(observation.observation().observationId(), observation) == null;
        }
    }

    @Override
    public Optional<RecordedObservation> findById(String observationId) {
        synchronized (store) {
            return Optional.ofNullable(byId.get(observationId));
        }
    }

    public List<RecordedObservation> all() {
        synchronized (store) {
            return List.copyOf(byId.values());
        }
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
