package dev.sluice.domain.session;

import dev.sluice.domain.shared.PrefixedId;
import dev.sluice.domain.shared.RandomTokens;
import java.util.Optional;

public record SessionId(String value) {
    private static final String PREFIX = "dep_";

    public SessionId {
        PrefixedId.require(PREFIX, value);
    }

    public static SessionId generate() {
        return new SessionId(RandomTokens.orderedId(PREFIX));
    }

    /** An id taken from a URL or a message: a malformed one simply names no session. */
    public static Optional<SessionId> parse(String value) {
        return PrefixedId.isValid(PREFIX, value) ? Optional.of(new SessionId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
