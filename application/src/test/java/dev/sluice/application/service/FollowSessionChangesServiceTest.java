package dev.sluice.application.service;

import static dev.sluice.application.fakes.TestApp.PROCESSOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.application.fakes.TestApp;
import dev.sluice.application.port.in.FollowSessionChanges;
import dev.sluice.application.port.in.FollowSessionChanges.Changes;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.widget.Widget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowSessionChangesServiceTest {
    private final TestApp app = new TestApp();
    private final FollowSessionChanges follow = new FollowSessionChangesService(app.outbox);
    private final Widget.Issued widget = app.newWidget();

    private void detect(String sessionId) {
        app.recordObservation.record(PROCESSOR, sessionId,
                new ObservationDraft("obs_" + sessionId, "DETECTED", "0xabc", null, 1L, null), List.of());
    }

    @Test
    void eachChangedSessionIsNamedOnceWithItsLatestSequenceAndThePositionMovesOn() {
        String before = app.newSession(widget, "100").session().id().value();
        long start = follow.currentPosition();
        String first = app.newSession(widget, "100").session().id().value();
        detect(first);
        String second = app.newSession(widget, "100").session().id().value();

        Changes changes = follow.changesAfter(start);
        Changes nothingNew = follow.changesAfter(changes.position());

        assertEquals(Map.of(first, 2L, second, 1L), changes.latestSequenceBySession());
        assertEquals(start + 3, changes.position());
        assertEquals(Map.of(), nothingNew.latestSequenceBySession());
        assertEquals(changes.position(), nothingNew.position());
        assertFalse(changes.latestSequenceBySession().containsKey(before));
    }
}
