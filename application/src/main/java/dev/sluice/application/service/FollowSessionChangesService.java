package dev.sluice.application.service;

import dev.sluice.application.port.in.FollowSessionChanges;
import dev.sluice.application.port.out.EventFeed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Session changes from the events feed's commit order, a bounded batch per call. */
public final class FollowSessionChangesService implements FollowSessionChanges {
    /** Enough for a busy second; a longer backlog is read over the next calls. */
    static final int BATCH = 1_000;

    private final EventFeed feed;

    public FollowSessionChangesService(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public long currentPosition() {
        return feed.latestPosition();
    }

    @Override
    public Changes changesAfter(long position) {
        List<EventFeed.Positioned> batch = feed.positionedAfter(position, BATCH);
        Map<String, Long> latest = new HashMap<>();
        for (EventFeed.Positioned event : batch) {
            latest.merge(event.sessionId(), event.sequence(), Math::max);
        }
        return new Changes(latest, batch.isEmpty() ? position : batch.getLast().position());
    }
}
