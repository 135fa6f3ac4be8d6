package dev.sluice.adapters.persistence;

import dev.sluice.application.contract.StorePorts;
import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.Observations;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;

/** The persistence adapter's ports, as the port contract tests take them. */
record PersistencePorts(PersistenceModule db) implements StorePorts {
    @Override
    public Widgets widgets() {
        return db.widgets();
    }

    @Override
    public DepositSessions depositSessions() {
        return db.depositSessions();
    }

    @Override
    public NewSessions newSessions() {
        return db.newSessions();
    }

    @Override
    public Observations observations() {
        return db.observations();
    }

    @Override
    public Outbox outbox() {
        return db.outbox();
    }

    @Override
    public EventFeed eventFeed() {
        return db.eventFeed();
    }

    @Override
    public CommittedEvents committedEvents() {
        return db.committedEvents();
    }

    @Override
    public IdempotencyRecords idempotencyRecords() {
        return db.idempotencyRecords();
    }

    @Override
    public UnitOfWork unitOfWork() {
        return db.unitOfWork();
    }

    /** The feed positions, which a scheduler assigns every half second in a running Sluice. */
    @Override
    public void settle() {
        db.assignFeedPositions();
    }
}
