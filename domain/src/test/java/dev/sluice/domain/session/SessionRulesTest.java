package dev.sluice.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.WidgetDrafts;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetSettings;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionRulesTest {
    private static final WidgetSettings ANY = WidgetDrafts.valid().settings();

    static Stream<Arguments> fieldRules() {
        return Stream.of(
                // amount: 1-32 chars, the grammar, > 0
                rule("amount of 32 chars", d -> d.amount = "1" + "0".repeat(31), null),
                rule("amount of 33 chars", d -> d.amount = "1" + "0".repeat(32), "too_long"),
                rule("amount with 30 decimals", d -> d.amount = "0." + "0".repeat(29) + "1", null),
                rule("amount empty", d -> d.amount = "", "too_short"),
                rule("amount missing", d -> d.amount = null, "required"),
                rule("amount 00.5", d -> d.amount = "00.5", "invalid_format"),
                rule("amount .5", d -> d.amount = ".5", "invalid_format"),
                rule("amount 5.", d -> d.amount = "5.", "invalid_format"),
                rule("amount 1e3", d -> d.amount = "1e3", "invalid_format"),
                rule("amount -1", d -> d.amount = "-1", "invalid_format"),
                rule("amount +1", d -> d.amount = "+1", "invalid_format"),
                rule("amount with a space", d -> d.amount = " 1", "invalid_format"),
                rule("amount 1,5", d -> d.amount = "1,5", "invalid_format"),
                rule("amount 0", d -> d.amount = "0", "not_positive"),
                rule("amount 0.000", d -> d.amount = "0.000", "not_positive"),
                rule("amount 0.01", d -> d.amount = "0.01", null),
                rule("amount 0.5", d -> d.amount = "0.5", null),
                // currency: 2-8 of [A-Z0-9]
                rule("currency of 2", d -> d.currency = "US", null),
                rule("currency of 8", d -> d.currency = "USDC1234", null),
                rule("currency of 1", d -> d.currency = "U", "too_short"),
                rule("currency of 9", d -> d.currency = "USDC12345", "too_long"),
                rule("currency lowercase", d -> d.currency = "usdc", "invalid_format"),
                rule("currency missing", d -> d.currency = null, "required"),
                // network: 4-66 of [A-Za-z0-9._:-]
                rule("network of 4", d -> d.network = "abcd", null),
                rule("network of 66", d -> d.network = "n".repeat(66), null),
                rule("network of 3", d -> d.network = "abc", "too_short"),
                rule("network of 67", d -> d.network = "n".repeat(67), "too_long"),
                rule("network with every allowed sign", d -> d.network = "eip155:1.a_b-c", null),
                rule("network with a space", d -> d.network = "poly gon", "invalid_format"),
                rule("network missing", d -> d.network = null, "required"),
                // currencyAddress: required, may be empty, 0-66
                rule("currencyAddress empty", d -> d.currencyAddress = "", null),
                rule("currencyAddress of 66", d -> d.currencyAddress = "a".repeat(66), null),
                rule("currencyAddress of 67", d -> d.currencyAddress = "a".repeat(67), "too_long"),
                rule("currencyAddress with a slash", d -> d.currencyAddress = "0x/1", "invalid_format"),
                rule("currencyAddress missing", d -> d.currencyAddress = null, "required"),
                // depositAddress: 1-128, no whitespace or control chars
                rule("depositAddress of 128", d -> d.depositAddress = "a".repeat(128), null),
                rule("depositAddress of 129", d -> d.depositAddress = "a".repeat(129), "too_long"),
                rule("depositAddress empty", d -> d.depositAddress = "", "too_short"),
                rule("depositAddress with a space", d -> d.depositAddress = "0x 1", "invalid_format"),
                rule("depositAddress with a no-break space", d -> d.depositAddress = "0x\u00A01", "invalid_format"),
                rule("depositAddress with a C1 control", d -> d.depositAddress = "0x\u00851", "invalid_format"),
                rule("depositAddress with a tab", d -> d.depositAddress = "0x\t1", "invalid_format"),
                rule("depositAddress missing", d -> d.depositAddress = null, "required"),
                // customerEmail: optional, 1-128, addr-spec
                rule("customerEmail absent", d -> d.customerEmail = null, null),
                rule("customerEmail plain", d -> d.customerEmail = "c@example.com", null),
                rule("customerEmail of 128", d -> d.customerEmail = email(128), null),
                rule("customerEmail of 129", d -> d.customerEmail = email(129), "too_long"),
                rule("customerEmail empty", d -> d.customerEmail = "", "too_short"),
                rule("customerEmail without @", d -> d.customerEmail = "c.example.com", "invalid_format"),
                rule("customerEmail without a tld", d -> d.customerEmail = "c@example", "invalid_format"),
                rule("customerEmail with two @", d -> d.customerEmail = "c@d@example.com", "invalid_format"),
                // customerReference: optional, 1-128, no control chars
                rule("customerReference of 128", d -> d.customerReference = "r".repeat(128), null),
                rule("customerReference of 129", d -> d.customerReference = "r".repeat(129), "too_long"),
                rule("customerReference empty", d -> d.customerReference = "", "too_short"),
                rule("customerReference with a line break", d -> d.customerReference = "a\nb", "invalid_format"),
                rule("customerReference with spaces and accents", d -> d.customerReference = "Bestellung Nr. ä1", null),
                // metadata: a JSON object of 1-2048 bytes (UTF-8, not chars)
                rule("metadata empty object", d -> d.metadataJson = "{}", null),
                rule("metadata of 2048 bytes", d -> d.metadataJson = metadataOfBytes(2048, "a"), null),
                rule("metadata of 2049 bytes", d -> d.metadataJson = metadataOfBytes(2049, "a"), "too_long"),
                rule("metadata of 2048 bytes in 2-byte chars", d -> d.metadataJson = metadataOfBytes(2048, "é"), null),
                rule("metadata of 2049 bytes but 1029 chars", d -> d.metadataJson = metadataOfBytes(2048, "é")
                        .replace("\"}", "a\"}"), "too_long"),
                rule("metadata an array", d -> d.metadataJson = "[1]", "invalid_type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldRules")
    void each_field_rule_is_checked_on_both_sides_of_its_boundary(String name, Consumer<SessionDrafts> change,
            String expectedCode) {
        SessionDrafts drafts = SessionDrafts.valid().with(change);
        List<Violation> violations = violations(ANY, drafts.build());
        if (expectedCode == null) {
            assertEquals(List.of(), violations);
        } else {
            assertEquals(1, violations.size(), violations.toString());
            assertEquals(expectedCode, violations.getFirst().code());
        }
    }

    static Stream<Arguments> amountBounds() {
        return Stream.of(
                arguments("10", null), arguments("10.000", null), arguments("9.99", "below_minimum"),
                arguments("100", null), arguments("100.0", null), arguments("100.01", "above_maximum"),
                arguments("55.5", null));
    }

    @ParameterizedTest(name = "{0} within 10..100: {1}")
    @MethodSource("amountBounds")
    void customer_amounts_are_bounded_inclusively_and_numerically(String amount, String expectedCode) {
        WidgetSettings widget = WidgetDrafts.valid().with(w -> {
            w.set(WidgetField.MIN_AMOUNT, "10.0");
            w.set(WidgetField.MAX_AMOUNT, "100");
        }).settings();
        assertCodes(expectedCode, violations(widget, SessionDrafts.valid().with(d -> d.amount = amount).build()));
    }

    static Stream<Arguments> fixedAmounts() {
        return Stream.of(arguments("25", null), arguments("25.00", null), arguments("25.01", "amount_mismatch"),
                arguments("24.99", "amount_mismatch"), arguments("250", "amount_mismatch"));
    }

    @ParameterizedTest(name = "{0} against a fixed 25.0: {1}")
    @MethodSource("fixedAmounts")
    void fixed_amount_widgets_take_exactly_their_price(String amount, String expectedCode) {
        WidgetSettings widget = WidgetDrafts.valid().with(w -> {
            w.set(WidgetField.MODE, "FIXED_AMOUNT");
            w.set(WidgetField.MIN_AMOUNT, "25.0");
            w.set(WidgetField.MAX_AMOUNT, "25");
        }).settings();
        assertCodes(expectedCode, violations(widget, SessionDrafts.valid().with(d -> d.amount = amount).build()));
    }

    static Stream<Arguments> allowLists() {
        return Stream.of(
                allowed("currency USDC in [USDC, DAI]", w -> w.set(WidgetField.ALLOWED_CURRENCIES, List.of("USDC", "DAI")),
                        d -> d.currency = "USDC", null),
                allowed("currency USDT not in [USDC, DAI]", w -> w.set(WidgetField.ALLOWED_CURRENCIES, List.of("USDC", "DAI")),
                        d -> d.currency = "USDT", "not_allowed"),
                allowed("network polygon in [polygon]", w -> w.set(WidgetField.ALLOWED_NETWORKS, List.of("polygon")),
                        d -> d.network = "polygon", null),
                allowed("network base not in [polygon]", w -> w.set(WidgetField.ALLOWED_NETWORKS, List.of("polygon")),
                        d -> d.network = "base", "not_allowed"),
                allowed("network Polygon not in [polygon]", w -> w.set(WidgetField.ALLOWED_NETWORKS, List.of("polygon")),
                        d -> d.network = "Polygon", "not_allowed"),
                allowed("hex address in another case", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("0xAbCdEf01")),
                        d -> d.depositAddress = "0xabcdef01", null),
                allowed("other hex address", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("0xAbCdEf01")),
                        d -> d.depositAddress = "0xabcdef02", "not_allowed"),
                allowed("non-hex address compares exactly", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("TMerchant")),
                        d -> d.depositAddress = "tmerchant", "not_allowed"),
                allowed("non-hex address equal", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("TMerchant")),
                        d -> d.depositAddress = "TMerchant", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowLists")
    void allow_lists_restrict_their_field_when_set(String name, Consumer<WidgetDrafts> widgetChange,
            Consumer<SessionDrafts> sessionChange, String expectedCode) {
        WidgetSettings widget = WidgetDrafts.valid().with(widgetChange).settings();
        assertCodes(expectedCode, violations(widget, SessionDrafts.valid().with(sessionChange).build()));
    }

    @Test
    void every_violation_is_reported_at_once_with_its_field() {
        SessionDraft draft = new SessionDraft("-1", "usdc", "abc", null, "", "nope", "a\u0000", "[]");
        List<String> fields = violations(ANY, draft).stream().map(Violation::field).toList();
        assertEquals(List.of("amount", "currency", "network", "currencyAddress", "depositAddress", "customerEmail",
                "customerReference", "metadata"), fields);
    }

    @Test
    void violations_found_earlier_are_reported_with_the_rules_and_their_fields_not_checked_twice() {
        Violation wrongType = new Violation("amount", "invalid_type", "must be a string");
        Violation schema = new Violation("metadata/orderId", "schema_mismatch", "required property missing");
        SessionDraft draft = SessionDrafts.valid().with(d -> {
            d.amount = null;
            d.currency = "x";
            d.metadataJson = "{}";
        }).build();
        DomainException e = assertThrows(DomainException.class, () -> SessionRules.check(ANY, draft,
                List.of(wrongType, schema)));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(List.of(wrongType, schema, new Violation("currency", "too_short", "must be at least 2 characters")),
                e.violations());
        assertEquals("3 fields are invalid", e.getMessage());
    }

    @Test
    void terms_keep_the_submitted_amount_text_and_every_field() {
        SessionDraft draft = SessionDrafts.valid().with(d -> {
            d.amount = "100.50";
            d.customerEmail = "c@example.com";
            d.customerReference = "order_12345";
            d.metadataJson = "{\"orderId\":\"A1\"}";
        }).build();
        DepositSession.Terms terms = SessionRules.check(ANY, draft, List.of());
        assertEquals("100.50", terms.amount().text());
        assertEquals(new DepositSession.Terms(new Amount("100.50"), "USDC", "polygon", draft.currencyAddress(),
                "0xMerchant", "c@example.com", "order_12345", new Metadata("{\"orderId\":\"A1\"}"), new Amount("0"), false),
                terms);
    }

    private static Arguments rule(String name, Consumer<SessionDrafts> change, String expectedCode) {
        return arguments(name, change, expectedCode);
    }

    private static Arguments allowed(String name, Consumer<WidgetDrafts> widget, Consumer<SessionDrafts> session,
            String expectedCode) {
        return arguments(name, widget, session, expectedCode);
    }

    static List<Violation> violations(WidgetSettings widget, SessionDraft draft) {
        try {
            SessionRules.check(widget, draft, List.of());
            return List.of();
        } catch (DomainException e) {
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            return e.violations();
        }
    }

    private static void assertCodes(String expectedCode, List<Violation> violations) {
        assertEquals(expectedCode == null ? List.of() : List.of(expectedCode),
                violations.stream().map(Violation::code).toList());
    }

    /** An addr-spec of exactly {@code length} chars. */
    private static String email(int length) {
        String domain = "@example.com";
        return "c".repeat(length - domain.length()) + domain;
    }

    /** {@code {"k":"…"}} of exactly {@code bytes} UTF-8 bytes, filled with {@code unit}. */
    static String metadataOfBytes(int bytes, String unit) {
        int fill = bytes - "{\"k\":\"\"}".length();
        int unitBytes = unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return "{\"k\":\"" + unit.repeat(fill / unitBytes) + "a".repeat(fill % unitBytes) + "\"}";
    }
}
