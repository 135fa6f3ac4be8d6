package dev.sluice.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Each scan accepts exactly what its regular expression (the grammar of api.md's rules) matches. */
class GrammarsTest {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z0-9]{2,8}");
    private static final Pattern CHAIN_TOKEN = Pattern.compile("[A-Za-z0-9._:-]*");
    private static final Pattern NO_WHITESPACE = Pattern.compile("[^\\p{IsWhite_Space}\\p{Cc}]+");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");

    /** Letters, digits, every punctuation the grammars name, and characters near their edges. */
    private static final String ALPHABET = "aZz09AM.-_:@!#$%&'*+/=?^`{|}~ \t\n\u0000\u007f\u0085\u009f\u00a0\u00e9"
            + "\u1680\u2000\u2007\u200b\u2028\u202f\u205f\u3000\ufeff[]\\\"(),;<>";

    @Property(tries = 2000)
    void currency_codes(@ForAll("texts") String text) {
        assertSame(CURRENCY, Grammars::isCurrencyCode, text);
    }

    @Property(tries = 2000)
    void chain_tokens(@ForAll("texts") String text) {
        assertSame(CHAIN_TOKEN, Grammars::isChainToken, text);
    }

    @Property(tries = 2000)
    void text_free_of_whitespace_and_controls(@ForAll("texts") String text) {
        assertSame(NO_WHITESPACE, Grammars::isFreeOfWhitespaceAndControls, text);
    }

    @Property(tries = 3000)
    void email_addresses(@ForAll("emails") String text) {
        assertSame(EMAIL, Grammars::isEmailAddress, text);
    }

    @Property(tries = 2000)
    void decimals(@ForAll("decimals") String text) {
        assertSame(DECIMAL, Grammars::isDecimal, text);
    }

    @Test
    void every_unicode_character_is_judged_as_the_regex_judges_it() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "x" + c + "y";
            assertSame(NO_WHITESPACE, Grammars::isFreeOfWhitespaceAndControls, text);
            assertSame(CHAIN_TOKEN, Grammars::isChainToken, text);
            assertSame(EMAIL, Grammars::isEmailAddress, "a" + c + "b@c" + c + "d.ef");
        }
    }

    @Test
    void examples_read_as_the_rules_mean_them() {
        assertTrue(Grammars.isEmailAddress("first.last+tag@mail.example.co"));
        assertFalse(Grammars.isEmailAddress("c@example"));
        assertFalse(Grammars.isEmailAddress("c@-example.com"));
        assertFalse(Grammars.isEmailAddress("c@example.c0m"));
        assertTrue(Grammars.isDecimal("0.50"));
        assertFalse(Grammars.isDecimal("00.5"));
        assertFalse(Grammars.isDecimal("1."));
        assertFalse(Grammars.isFreeOfWhitespaceAndControls("0xab\u00a0cd"));
        assertTrue(Grammars.isFreeOfWhitespaceAndControls("bc1q\u00e9\ud83d\ude00"));
    }

    private static void assertSame(Pattern regex, Predicate<String> scan, String text) {
        assertEquals(regex.matcher(text).matches(), scan.test(text), () -> "for \"" + text + "\"");
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(ALPHABET).ofMaxLength(12);
    }

    /** Mostly near-addresses: parts of the grammar joined by the separators it cares about. */
    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> part = Arbitraries.strings().withChars("ab9-_.+Z@").ofMaxLength(5);
        Arbitrary<String> tld = Arbitraries.oneOf(Arbitraries.strings().withChars("abZ9-").ofMaxLength(4),
                Arbitraries.of("com", "io", "c"));
        return Arbitraries.oneOf(
                Combinators.combine(part, part, part, tld).as((a, b, c, d) -> a + "@" + b + "." + c + "." + d),
                Combinators.combine(part, part, tld).as((a, b, d) -> a + "@" + b + "." + d),
                texts());
    }

    @Provide
    Arbitrary<String> decimals() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123.").ofMaxLength(8),
                Arbitraries.strings().withChars("019.-e ").ofMaxLength(6));
    }
}
