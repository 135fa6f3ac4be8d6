package dev.sluice.application.contract;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static dev.sluice.application.contract.StoreFixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.session.Change;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public abstract class UnitOfWorkContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    protected abstract StorePorts store();

    @Test
    public void aSessionAndItsEventCommitTogether() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);

        Change change = StoreFixtures.storedSession(store(), widget, NOW);

        assertTrue(store().depositSessions().findById(change.session().id()).isPresent());
        assertEquals(states(change.events()),
                states(store().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10).items()));
    }

    @Test
    public void aFailureUndoesEveryChangeAndReachesTheCallerUnchanged() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        Change change = StoreFixtures.newSession(widget, NOW);
        IllegalStateException failure = new IllegalStateException("the use case gave up");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                store().unitOfWork().inTransaction(() -> {
                    store().depositSessions().add(change.session());
                    store().outbox().append(change.events());
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertTrue(store().depositSessions().findById(change.session().id()).isEmpty());
        assertTrue(store().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10).items().isEmpty());
    }

    @Test
    public void aDatabaseErrorLateInTheWorkUndoesTheEarlierStatements() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        Change change = StoreFixtures.newSession(widget, NOW);

        assertThrows(RuntimeException.class, () -> store().unitOfWork().inTransaction(() -> {
            store().depositSessions().add(change.session());
            store().outbox().append(change.events());
            // the same event id again breaks the primary key
            store().outbox().append(change.events());
            return null;
        }));

        assertTrue(store().depositSessions().findById(change.session().id()).isEmpty());
    }

    @Test
    public void aNestedUnitOfWorkJoinsTheOuterOne() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        Change change = StoreFixtures.newSession(widget, NOW);

        assertThrows(IllegalStateException.class, () -> store().unitOfWork().inTransaction(() -> {
            store().unitOfWork().inTransaction(() -> {
                store().depositSessions().add(change.session());
                return null;
            });
            throw new IllegalStateException("outer failure");
        }));

        assertTrue(store().depositSessions().findById(change.session().id()).isEmpty());
    }

    @Test
    public void returnsTheResultOfTheWork() {
        assertEquals("done", store().unitOfWork().inTransaction(() -> "done"));
    }
}
