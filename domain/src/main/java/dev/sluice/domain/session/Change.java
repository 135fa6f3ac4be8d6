package dev.sluice.domain.session;

import java.util.List;

/**
 * What a behaviour of {@link DepositSession} did: the new state, whether it differs from the old
 * one at all ({@code changed}: a payment's confirmations may move without any event), and the
 * events it emitted, one per change of status or amount received.
 */
public record Change(DepositSession session, List<SessionEvent> events, boolean changed) {
    public Change {
        events = List.copyOf(events);
        if (!changed && !events.isEmpty()) {
            throw new IllegalArgumentException("events without a change");
        }
    }

    /** Nothing happened: {@code session} stays as it is. */
    public static Change none(DepositSession session) {
        return new Change(session, List.of(), false);
    }
}
