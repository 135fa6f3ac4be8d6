package dev.sluice.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What lets a create-session skip its own read of the widget: the copy an instance read last is
 * answered without asking the database, until its next read. The group commit's version check
 * catches a change it missed.
 */
class RememberedWidgetsTest {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    @Test
    void theRememberedCopyIsTheOneReadLastUntilTheNextRead() {
        PersistenceModule db = TestDatabases.h2();
        Widget widget = Fixtures.storedWidget(db, Fixtures.newBusiness(), NOW);
        db.widgets().findById(widget.id());

        TestDatabases.h2Other().widgets().update(widget.reconfigure(widget.settings(), false, NOW.plusSeconds(1)));

        assertTrue(db.widgets().findRemembered(widget.id()).orElseThrow().enabled(), "the copy read last");
        assertFalse(db.widgets().findById(widget.id()).orElseThrow().enabled());
        assertFalse(db.widgets().findRemembered(widget.id()).orElseThrow().enabled());
    }
}
