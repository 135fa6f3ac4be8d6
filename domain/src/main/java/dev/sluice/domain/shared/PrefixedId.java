package dev.sluice.domain.shared;

import java.util.regex.Pattern;

/** The shape shared by Sluice's generated identifiers: a fixed prefix and 32 hex digits. */
public final class PrefixedId {
    private static final Pattern SUFFIX = Pattern.compile("[0-9a-f]{32}");

    private PrefixedId() {
    }

    public static boolean isValid(String prefix, String value) {
        return value != null
                && value.startsWith(prefix)
                && SUFFIX.matcher(value).region(prefix.length(), value.length()).matches();
    }

    public static String require(String prefix, String value) {
        if (!isValid(prefix, value)) {
            throw new IllegalArgumentException("not a " + prefix + " id: " + value);
        }
        return value;
    }
}
