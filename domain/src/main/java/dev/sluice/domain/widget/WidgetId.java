package dev.sluice.domain.widget;

import dev.sluice.domain.shared.PrefixedId;
import dev.sluice.domain.shared.RandomTokens;
import java.util.Optional;

public record WidgetId(String value) {
    private static final String PREFIX = "wdgt_";

    public WidgetId {
        PrefixedId.require(PREFIX, value);
    }

    public static WidgetId generate() {
        return new WidgetId(RandomTokens.id(PREFIX));
    }

    /** An id taken from a URL: a malformed one simply names no widget. */
    public static Optional<WidgetId> parse(String value) {
        return PrefixedId.isValid(PREFIX, value) ? Optional.of(new WidgetId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
