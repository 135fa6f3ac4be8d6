package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Fixtures.newBusiness;
import static dev.sluice.adapters.persistence.Fixtures.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.session.Change;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

abstract class UnitOfWorkContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    abstract PersistenceModule db();

    @Test
    void aSessionAndItsEventCommitTogether() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);

        Change change = Fixtures.storedSession(db(), widget, NOW);

        assertTrue(db().depositSessions().findById(change.session().id()).isPresent());
        assertEquals(states(change.events()),
                states(db().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10).items()));
    }

    @Test
    void aFailureUndoesEveryChangeAndReachesTheCallerUnchanged() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        Change change = Fixtures.newSession(widget, NOW);
        IllegalStateException failure = new IllegalStateException("the use case gave up");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                db().unitOfWork().inTransaction(() -> {
                    db().depositSessions().add(change.session());
                    db().outbox().append(change.events());
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertTrue(db().depositSessions().findById(change.session().id()).isEmpty());
        assertTrue(db().eventFeed().listForBusiness(widget.businessId(), Optional.empty(), 10).items().isEmpty());
    }

    @Test
    void aDatabaseErrorLateInTheWorkUndoesTheEarlierStatements() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        Change change = Fixtures.newSession(widget, NOW);

        assertThrows(RuntimeException.class, () -> db().unitOfWork().inTransaction(() -> {
            db().depositSessions().add(change.session());
            db().outbox().append(change.events());
            // the same event id again breaks the primary key
            db().outbox().append(change.events());
            return null;
        }));

        assertTrue(db().depositSessions().findById(change.session().id()).isEmpty());
    }

    @Test
    void aNestedUnitOfWorkJoinsTheOuterOne() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        Change change = Fixtures.newSession(widget, NOW);

        assertThrows(IllegalStateException.class, () -> db().unitOfWork().inTransaction(() -> {
            db().unitOfWork().inTransaction(() -> {
                db().depositSessions().add(change.session());
                return null;
            });
            throw new IllegalStateException("outer failure");
        }));

        assertTrue(db().depositSessions().findById(change.session().id()).isEmpty());
    }

    @Test
    void returnsTheResultOfTheWork() {
        assertEquals("done", db().unitOfWork().inTransaction(() -> "done"));
    }
}
