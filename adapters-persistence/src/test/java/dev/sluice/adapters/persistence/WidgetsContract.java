package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Fixtures.newBusiness;
import static dev.sluice.adapters.persistence.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

abstract class WidgetsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    abstract PersistenceModule db();

    /** Another Sluice instance on the same database. */
    abstract PersistenceModule otherInstance();

    @Test
    void storesEverySettingAndReadsItBack() {
        Widget widget = Widget.create(newBusiness(), settings("Émoji shop 💸"), NOW).widget();
        db().widgets().add(widget);

        Widget found = db().widgets().findById(widget.id()).orElseThrow();

        assertEquals(widget.settings(), found.settings());
        assertEquals(widget.businessId(), found.businessId());
        assertEquals(widget.secretHash(), found.secretHash());
        assertEquals(NOW, found.createdAt());
        assertEquals(NOW, found.updatedAt());
        assertTrue(found.enabled());
        assertFalse(found.isDeleted());
        assertEquals(0, found.version());
    }

    @Test
    void unknownWidgetIsAbsent() {
        assertTrue(db().widgets().findById(WidgetId.generate()).isEmpty());
    }

    @Test
    void updateStoresTheChangeAndMovesTheVersion() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        Instant later = NOW.plusSeconds(60);

        db().widgets().update(widget.reconfigure(settings("Renamed"), false, later));

        Widget found = db().widgets().findById(widget.id()).orElseThrow();
        assertEquals("Renamed", found.settings().name());
        assertFalse(found.enabled());
        assertEquals(later, found.updatedAt());
        assertEquals(1, found.version());
    }

    @Test
    void aChangeMadeThroughAnotherInstanceIsSeenByTheNextRead() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        assertTrue(db().widgets().findById(widget.id()).orElseThrow().enabled());
        Widget.Issued rotated = widget.reconfigure(widget.settings(), false, NOW.plusSeconds(1))
                .rotateSecret(NOW.plusSeconds(2));

        otherInstance().widgets().update(rotated.widget());

        Widget found = db().widgets().findById(widget.id()).orElseThrow();
        assertFalse(found.enabled());
        assertTrue(found.acceptsSecret(rotated.clientSecret()));
        assertEquals(1, found.version());
        otherInstance().widgets().update(found.delete(NOW.plusSeconds(3)));
        assertTrue(db().widgets().findById(widget.id()).orElseThrow().isDeleted());
    }

    @Test
    void theRememberedCopyIsTheOneReadLastUntilTheNextRead() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        assertEquals(0, db().widgets().findRemembered(widget.id()).orElseThrow().version(), "read when not known");

        otherInstance().widgets().update(widget.reconfigure(widget.settings(), false, NOW.plusSeconds(1)));

        assertTrue(db().widgets().findRemembered(widget.id()).orElseThrow().enabled(), "the copy read last");
        assertFalse(db().widgets().findById(widget.id()).orElseThrow().enabled());
        assertFalse(db().widgets().findRemembered(widget.id()).orElseThrow().enabled());
        assertTrue(db().widgets().findRemembered(Fixtures.storedWidget(db(), newBusiness(), NOW).id()).isPresent());
    }

    @Test
    void updateOfAStaleCopyFailsAndChangesNothing() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        db().widgets().update(widget.reconfigure(settings("First"), true, NOW));

        assertThrows(ConcurrentChangeException.class,
                () -> db().widgets().update(widget.reconfigure(settings("Second"), true, NOW)));
        assertEquals("First", db().widgets().findById(widget.id()).orElseThrow().settings().name());
    }

    @Test
    void deletedWidgetIsStillFoundButNotListedOrCounted() {
        BusinessId business = newBusiness();
        Widget kept = Fixtures.storedWidget(db(), business, NOW);
        Widget deleted = Fixtures.storedWidget(db(), business, NOW.plusMillis(1));
        db().widgets().update(deleted.delete(NOW.plusSeconds(5)));

        assertTrue(db().widgets().findById(deleted.id()).orElseThrow().isDeleted());
        assertEquals(List.of(kept.id()), db().widgets().listLive(business).stream().map(Widget::id).toList());
        assertEquals(1, (int) db().unitOfWork().inTransaction(() -> db().widgets().countLiveForUpdate(business)));
    }

    @Test
    void listsOnlyTheBusinessesWidgetsOldestFirst() {
        BusinessId business = newBusiness();
        Widget second = Fixtures.storedWidget(db(), business, NOW.plusSeconds(2));
        Widget first = Fixtures.storedWidget(db(), business, NOW.plusSeconds(1));
        Fixtures.storedWidget(db(), newBusiness(), NOW);

        assertEquals(List.of(first.id(), second.id()),
                db().widgets().listLive(business).stream().map(Widget::id).toList());
    }

    @Test
    void countOfABusinessWithoutWidgetsIsZero() {
        assertEquals(0, (int) db().unitOfWork().inTransaction(() -> db().widgets().countLiveForUpdate(newBusiness())));
    }
}
