package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.ListEvents;
import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.Violations;
import dev.sluice.domain.widget.BusinessId;
import java.util.Optional;

/** A business's events in commit order, for consumers without Kafka. */
public final class ListEventsService implements ListEvents {
    private final EventFeed feed;

    public ListEventsService(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public Page<SessionEvent> list(Caller caller, String businessId, String after, String limit) {
        BusinessId business = Access.requireMember(caller, businessId);
        Violations violations = new Violations();
        Optional<EventId> cursor = PageQuery.cursor(violations, "after", after, EventId::parse);
        int size = PageQuery.limit(violations, limit);
        violations.throwIfAny();
        return feed.listForBusiness(business, cursor, size);
    }
}
