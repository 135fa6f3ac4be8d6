package dev.sluice.domain.shared;

/** The shape shared by Sluice's generated identifiers: a fixed prefix and 32 hex digits. */
public final class PrefixedId {
    private static final int DIGITS = 32;

    private PrefixedId() {
    }

    /**
     * Checked by hand rather than by a regular expression: ids are checked several times per request
     * (each value object checks its own), and the matcher was 2 % of a create-session's CPU.
     */
    public static boolean isValid(String prefix, String value) {
        if (value == null || value.length() != prefix.length() + DIGITS || !value.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public static String require(String prefix, String value) {
        if (!isValid(prefix, value)) {
            throw new IllegalArgumentException("not a " + prefix + " id: " + value);
        }
        return value;
    }
}
