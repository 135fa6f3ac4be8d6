package dev.sluice.domain.shared;

import java.util.function.Predicate;

/**
 * The field checks that several inputs share: length bounds in characters, and a character
 * grammar. Each check adds its violation and says whether the value passed, so that the
 * caller can skip the rules that only make sense for a well-formed value.
 */
public final class TextRules {
    private TextRules() {
    }

    public static boolean present(Violations violations, String field, String value) {
        if (value == null) {
            violations.add(field, "required", "is required");
            return false;
        }
        return true;
    }

    public static boolean length(Violations violations, String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            violations.add(field, "too_short", min == 1 ? "must not be empty" : "must be at least " + min + " characters");
            return false;
        }
        if (length > max) {
            violations.add(field, "too_long", "must be at most " + max + " characters");
            return false;
        }
        return true;
    }

    public static boolean matches(Violations violations, String field, String value, Predicate<String> grammar,
            String expected) {
        if (!grammar.test(value)) {
            violations.add(field, "invalid_format", "must be " + expected);
            return false;
        }
        return true;
    }

    /** True when the text has no ISO control character (tabs and line breaks included; all are in the BMP). */
    public static boolean hasNoControlChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
