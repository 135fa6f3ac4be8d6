package dev.sluice.domain.shared;

/**
 * The character grammars a create-session request is checked against, as plain scans. Each
 * accepts exactly what the regular expression in its Javadoc matches (GrammarsTest holds them to
 * it on generated text); every request runs six of them, and through {@code java.util.regex}
 * they were 5 % of Sluice's CPU under load (JFR, bench/README.md "Round 7").
 */
public final class Grammars {
    private static final AsciiSet DIGITS = AsciiSet.of("0-9");
    private static final AsciiSet CURRENCY = AsciiSet.of("A-Z0-9");
    private static final AsciiSet CHAIN_TOKEN = AsciiSet.of("A-Za-z0-9._:-");
    private static final AsciiSet EMAIL_LOCAL = AsciiSet.of("A-Za-z0-9!#$%&'*+/=?^_`{|}~.-");
    private static final AsciiSet DOMAIN_LABEL = AsciiSet.of("A-Za-z0-9-");
    private static final AsciiSet LETTERS = AsciiSet.of("A-Za-z");

    private Grammars() {
    }

    /** {@code [A-Z0-9]{2,8}}: a currency code. */
    public static boolean isCurrencyCode(String value) {
        return value.length() >= 2 && value.length() <= 8 && CURRENCY.containsAll(value, 0, value.length());
    }

    /** {@code [A-Za-z0-9._:-]*}: a network, a token contract's address. */
    public static boolean isChainToken(String value) {
        return CHAIN_TOKEN.containsAll(value, 0, value.length());
    }

    /** {@code [^\p{IsWhite_Space}\p{Cc}]+}: Unicode-aware, so no-break spaces and C1 controls count too. */
    public static boolean isFreeOfWhitespaceAndControls(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || isUnicodeWhiteSpace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A local part, then at least two dot-separated domain labels, the last of two letters or more:
     * {@code [A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?}
     * {@code (?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}}.
     */
    public static boolean isEmailAddress(String value) {
        int at = value.indexOf('@');
        if (at < 1 || !EMAIL_LOCAL.containsAll(value, 0, at)) {
            return false;
        }
        int labels = 0;
        int start = at + 1;
        while (true) {
            int dot = value.indexOf('.', start);
            int end = dot < 0 ? value.length() : dot;
            if (!isDomainLabel(value, start, end)) {
                return false;
            }
            labels++;
            if (dot < 0) {
                return labels >= 2 && end - start >= 2 && LETTERS.containsAll(value, start, end);
            }
            start = dot + 1;
        }
    }

    /** {@code (0|[1-9][0-9]*)(\.[0-9]+)?}: a decimal number without sign, exponent or leading zeros. */
    public static boolean isDecimal(String value) {
        int length = value.length();
        if (length == 0 || !DIGITS.contains(value.charAt(0))) {
            return false;
        }
        int integerEnd = value.charAt(0) == '0' ? 1 : digitsFrom(value, 1);
        if (integerEnd == length) {
            return true;
        }
        return value.charAt(integerEnd) == '.' && integerEnd + 1 < length
                && digitsFrom(value, integerEnd + 1) == length;
    }

    private static int digitsFrom(String value, int start) {
        int i = start;
        while (i < value.length() && DIGITS.contains(value.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDomainLabel(String value, int start, int end) {
        return end > start && value.charAt(start) != '-' && value.charAt(end - 1) != '-'
                && DOMAIN_LABEL.containsAll(value, start, end);
    }

    /** What {@code \p{IsWhite_Space}} means to {@code java.util.regex}. */
    private static boolean isUnicodeWhiteSpace(char c) {
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || c >= 0x9 && c <= 0xd || c == 0x85;
    }

    /** A set of ASCII characters as two bit masks. */
    private record AsciiSet(long low, long high) {
        /** From characters and {@code a-z} style ranges; a {@code -} at the end stands for itself. */
        static AsciiSet of(String members) {
            long low = 0;
            long high = 0;
            for (int i = 0; i < members.length(); i++) {
                char first = members.charAt(i);
                char last = first;
                if (i + 2 < members.length() && members.charAt(i + 1) == '-') {
                    last = members.charAt(i + 2);
                    i += 2;
                }
                for (char c = first; c <= last; c++) {
                    if (c < 64) {
                        low |= 1L << c;
                    } else {
                        high |= 1L << (c - 64);
                    }
                }
            }
            return new AsciiSet(low, high);
        }

        boolean contains(char c) {
            return c < 64 ? (low >>> c & 1) != 0 : c < 128 && (high >>> (c - 64) & 1) != 0;
        }

        boolean containsAll(String value, int start, int end) {
            for (int i = start; i < end; i++) {
                if (!contains(value.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
