package dev.sluice.application.port.out;

import dev.sluice.domain.session.SessionEvent;
import java.util.List;

/**
 * Every business's events in commit order, for sinks that keep their own cursor: an event never
 * appears behind a position already returned, so a sink that resumes after its last position misses
 * nothing.
 */
public interface CommittedEvents {
    /** Up to {@code limit} events after feed position {@code position} (0: from the start). */
    List<Positioned> after(long position, int limit);

    /** The position of the latest event positioned so far; 0 before the first. */
    long latestPosition();

    record Positioned(long position, SessionEvent event) {
    }
}
