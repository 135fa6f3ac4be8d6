package dev.sluice.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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

    /** Each scan beside the regular expression it stands for. */
    private static final Map<Pattern, Predicate<String>> GRAMMARS = Map.of(
            CURRENCY, Grammars::isCurrencyCode,
            CHAIN_TOKEN, Grammars::isChainToken,
            NO_WHITESPACE, Grammars::isFreeOfWhitespaceAndControls,
            EMAIL, Grammars::isEmailAddress,
            DECIMAL, Grammars::isDecimal);

    @Property(tries = 8000)
    void every_scan_judges_generated_text_as_its_regex_does(@ForAll("candidates") String text) {
        GRAMMARS.forEach((regex, scan) -> assertSame(regex, scan, text));
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

    /** Free text, near-addresses and near-numbers, so that every grammar meets its edge cases. */
    @Provide
    Arbitrary<String> candidates() {
        return Arbitraries.oneOf(texts(), emails(), decimals());
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(ALPHABET).ofMaxLength(12);
    }

    /** Parts of an address joined by the separators its grammar cares about. */
    private static Arbitrary<String> emails() {
        Arbitrary<String> part = Arbitraries.strings().withChars("ab9-_.+Z@").ofMaxLength(5);
        Arbitrary<String> tld = Arbitraries.oneOf(Arbitraries.strings().withChars("abZ9-").ofMaxLength(4),
                Arbitraries.of("com", "io", "c"));
        return Arbitraries.oneOf(
                Combinators.combine(part, part, part, tld).as((a, b, c, d) -> a + "@" + b + "." + c + "." + d),
                Combinators.combine(part, part, tld).as((a, b, d) -> a + "@" + b + "." + d));
    }

    private static Arbitrary<String> decimals() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123.").ofMaxLength(8),
                Arbitraries.strings().withChars("019.-e ").ofMaxLength(6));
    }
}
