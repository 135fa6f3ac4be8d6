package dev.sluice.domain.session;

import java.util.List;

/** What a behaviour of {@link DepositSession} did: the new state and the events it emitted. */
public record Change(DepositSession session, List<SessionEvent> events) {
    public Change {
        events = List.copyOf(events);
    }
}
