package dev.sluice.domain.session;

import dev.sluice.domain.shared.PrefixedId;
import dev.sluice.domain.shared.RandomTokens;
import java.util.Optional;

public record EventId(String value) {
    private static final String PREFIX = "evt_";

    public EventId {
        PrefixedId.require(PREFIX, value);
    }

    public static EventId generate() {
        return new EventId(RandomTokens.orderedId(PREFIX));
    }

    public static Optional<EventId> parse(String value) {
        return PrefixedId.isValid(PREFIX, value) ? Optional.of(new EventId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
