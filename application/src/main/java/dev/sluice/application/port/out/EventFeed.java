package dev.sluice.application.port.out;

import dev.sluice.application.port.in.Page;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.BusinessId;
import java.util.Optional;

/**
 * A business's events in commit order. Positions are handed out so that an event can never
 * appear behind a cursor that a reader already holds.
 */
public interface EventFeed {
    Page<SessionEvent> listForBusiness(BusinessId business, Optional<EventId> after, int limit);
}
