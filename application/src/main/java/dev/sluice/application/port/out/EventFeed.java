package dev.sluice.application.port.out;

import dev.sluice.application.port.in.Page;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.BusinessId;
import java.util.List;
import java.util.Optional;

/**
 * A business's events in commit order. Positions are handed out so that an event can never
 * appear behind a cursor that a reader already holds.
 */
public interface EventFeed {
    Page<SessionEvent> listForBusiness(BusinessId business, Optional<EventId> after, int limit);

    /** The feed position of the latest positioned event of any business; 0 before the first. */
    long latestPosition();

    /** Up to {@code limit} events of any business positioned after {@code position}, in feed order. */
    List<Positioned> positionedAfter(long position, int limit);

    /** Where an event of a session stands in the feed: which session changed, to which sequence. */
    record Positioned(long position, String sessionId, long sequence) {
    }
}
