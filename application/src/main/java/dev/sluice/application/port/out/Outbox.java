package dev.sluice.application.port.out;

import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import java.util.List;

/**
 * Events waiting to be published. Appended in the same unit of work as the change that caused
 * them; marked published only after the broker acknowledged them.
 */
public interface Outbox {
    void append(List<SessionEvent> events);

    /**
     * Claims up to {@code limit} unpublished events, in per-session sequence order, that no other
     * instance holds; a session's later event is never claimed while an earlier one is unpublished.
     */
    List<SessionEvent> claimUnpublished(int limit);

    void markPublished(List<EventId> events);
}
