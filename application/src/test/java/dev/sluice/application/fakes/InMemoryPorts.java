package dev.sluice.application.fakes;

import dev.sluice.application.contract.StorePorts;
import dev.sluice.application.port.out.UnitOfWork;
import java.time.InstantSource;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every outbound port over one in-memory store, as one Sluice instance sees it. They pass the same
 * port contract tests as the database adapters ({@code dev.sluice.application.contract}).
 */
public final class InMemoryPorts implements StorePorts {
    private final InMemoryStore store;
    private final InMemoryWidgets widgets;
    private final InMemoryDepositSessions sessions;
    private final InMemoryObservations observations;
    private final InMemoryOutbox.Events events;
    private final InMemoryOutbox outbox;
    private final InMemoryIdempotencyRecords idempotency;
    private final UnitOfWork unitOfWork;
    private final InMemoryNewSessions newSessions;

    private InMemoryPorts(InMemoryStore store, InMemoryWidgets widgets, InMemoryDepositSessions sessions,
            InMemoryObservations observations, InMemoryOutbox.Events events, InMemoryIdempotencyRecords idempotency) {
        this.store = store;
        this.widgets = widgets;
        this.sessions = sessions;
        this.observations = observations;
        this.events = events;
        this.outbox = new InMemoryOutbox(store, events, "instance-" + UUID.randomUUID());
        this.idempotency = idempotency;
        this.unitOfWork = new UnitOfWork() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return store.inUnitOfWork(work);
            }
        };
        this.newSessions = new InMemoryNewSessions(unitOfWork, widgets, sessions, outbox);
    }

    /** Ports that refuse a change outside a unit of work, so that a use case that forgets one fails. */
    public static InMemoryPorts strict(InstantSource clock) {
        return create(new InMemoryStore(clock, true));
    }

    /** Ports that, like a database, commit a change made outside a unit of work on its own. */
    public static InMemoryPorts lenient(InstantSource clock) {
        return create(new InMemoryStore(clock, false));
    }

    private static InMemoryPorts create(InMemoryStore store) {
        return new InMemoryPorts(store, store.register(new InMemoryWidgets(store)),
                store.register(new InMemoryDepositSessions(store)), store.register(new InMemoryObservations(store)),
                store.register(new InMemoryOutbox.Events()), store.register(new InMemoryIdempotencyRecords(store)));
    }

    /** The same store seen by another Sluice instance: its outbox leases are its own. */
    public InMemoryPorts otherInstance() {
        return new InMemoryPorts(store, widgets, sessions, observations, events, idempotency);
    }

    @Override
    public InMemoryWidgets widgets() {
        return widgets;
    }

    @Override
    public InMemoryDepositSessions depositSessions() {
        return sessions;
    }

    @Override
    public InMemoryNewSessions newSessions() {
        return newSessions;
    }

    @Override
    public InMemoryObservations observations() {
        return observations;
    }

    @Override
    public InMemoryOutbox outbox() {
        return outbox;
    }

    @Override
    public InMemoryOutbox eventFeed() {
        return outbox;
    }

    @Override
    public InMemoryOutbox committedEvents() {
        return outbox;
    }

    @Override
    public InMemoryIdempotencyRecords idempotencyRecords() {
        return idempotency;
    }

    @Override
    public UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    /** How many units of work committed. */
    public int commits() {
        return store.commits();
    }
}
