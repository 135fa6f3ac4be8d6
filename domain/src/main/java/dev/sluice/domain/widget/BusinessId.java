package dev.sluice.domain.widget;

import java.util.Optional;
import java.util.regex.Pattern;

/** A merchant, as named by the identity provider's {@code businesses} claim. */
public record BusinessId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public BusinessId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a business id: " + value);
        }
    }

    public static Optional<BusinessId> parse(String value) {
        return value != null && FORMAT.matcher(value).matches()
                ? Optional.of(new BusinessId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
