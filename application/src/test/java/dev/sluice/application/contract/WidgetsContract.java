package dev.sluice.application.contract;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static dev.sluice.application.contract.StoreFixtures.settings;
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

public abstract class WidgetsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    protected abstract StorePorts store();

    /** Another Sluice instance on the same database. */
    protected abstract StorePorts otherInstance();

    @Test
    public void storesEverySettingAndReadsItBack() {
        Widget widget = Widget.create(newBusiness(), settings("Émoji shop 💸"), NOW).widget();
        store().widgets().add(widget);

        Widget found = store().widgets().findById(widget.id()).orElseThrow();

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
    public void unknownWidgetIsAbsent() {
        assertTrue(store().widgets().findById(WidgetId.generate()).isEmpty());
    }

    @Test
    public void theRememberedCopyIsNeverOlderThanTheLastRead() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        assertEquals(0, store().widgets().findRemembered(widget.id()).orElseThrow().version(), "read when not known");

        otherInstance().widgets().update(widget.reconfigure(widget.settings(), false, NOW.plusSeconds(1)));

        assertFalse(store().widgets().findById(widget.id()).orElseThrow().enabled());
        assertFalse(store().widgets().findRemembered(widget.id()).orElseThrow().enabled());
        assertTrue(store().widgets().findRemembered(WidgetId.generate()).isEmpty());
    }

    @Test
    public void updateStoresTheChangeAndMovesTheVersion() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        Instant later = NOW.plusSeconds(60);

        store().widgets().update(widget.reconfigure(settings("Renamed"), false, later));

        Widget found = store().widgets().findById(widget.id()).orElseThrow();
        assertEquals("Renamed", found.settings().name());
        assertFalse(found.enabled());
        assertEquals(later, found.updatedAt());
        assertEquals(1, found.version());
    }

    @Test
    public void aChangeMadeThroughAnotherInstanceIsSeenByTheNextRead() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        assertTrue(store().widgets().findById(widget.id()).orElseThrow().enabled());
        Widget.Issued rotated = widget.reconfigure(widget.settings(), false, NOW.plusSeconds(1))
                .rotateSecret(NOW.plusSeconds(2));

        otherInstance().widgets().update(rotated.widget());

        Widget found = store().widgets().findById(widget.id()).orElseThrow();
        assertFalse(found.enabled());
        assertTrue(found.acceptsSecret(rotated.clientSecret()));
        assertEquals(1, found.version());
        otherInstance().widgets().update(found.delete(NOW.plusSeconds(3)));
        assertTrue(store().widgets().findById(widget.id()).orElseThrow().isDeleted());
    }

    @Test
    public void updateOfAStaleCopyFailsAndChangesNothing() {
        Widget widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW);
        store().widgets().update(widget.reconfigure(settings("First"), true, NOW));

        assertThrows(ConcurrentChangeException.class,
                () -> store().widgets().update(widget.reconfigure(settings("Second"), true, NOW)));
        assertEquals("First", store().widgets().findById(widget.id()).orElseThrow().settings().name());
    }

    @Test
    public void deletedWidgetIsStillFoundButNotListedOrCounted() {
        BusinessId business = newBusiness();
        Widget kept = StoreFixtures.storedWidget(store(), business, NOW);
        Widget deleted = StoreFixtures.storedWidget(store(), business, NOW.plusMillis(1));
        store().widgets().update(deleted.delete(NOW.plusSeconds(5)));

        assertTrue(store().widgets().findById(deleted.id()).orElseThrow().isDeleted());
        assertEquals(List.of(kept.id()), store().widgets().listLive(business).stream().map(Widget::id).toList());
        assertEquals(1, (int) store().unitOfWork().inTransaction(() -> store().widgets().countLiveForUpdate(business)));
    }

    @Test
    public void listsOnlyTheBusinessesWidgetsOldestFirst() {
        BusinessId business = newBusiness();
        Widget second = StoreFixtures.storedWidget(store(), business, NOW.plusSeconds(2));
        Widget first = StoreFixtures.storedWidget(store(), business, NOW.plusSeconds(1));
        StoreFixtures.storedWidget(store(), newBusiness(), NOW);

        assertEquals(List.of(first.id(), second.id()),
                store().widgets().listLive(business).stream().map(Widget::id).toList());
    }

    @Test
    public void countOfABusinessWithoutWidgetsIsZero() {
        assertEquals(0, (int) store().unitOfWork().inTransaction(() -> store().widgets().countLiveForUpdate(newBusiness())));
    }
}
