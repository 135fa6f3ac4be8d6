package dev.sluice.domain.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WidgetRulesTest {

    static Stream<Arguments> fieldRules() {
        return Stream.of(
                rule("name of 1", w -> w.set(WidgetField.NAME, "A"), null),
                rule("name of 128", w -> w.set(WidgetField.NAME, "n".repeat(128)), null),
                rule("name of 129", w -> w.set(WidgetField.NAME, "n".repeat(129)), "name too_long"),
                rule("name empty", w -> w.set(WidgetField.NAME, ""), "name too_short"),
                rule("name missing", w -> w.set(WidgetField.NAME, null), "name required"),
                rule("mode missing", w -> w.set(WidgetField.MODE, null), "mode required"),
                rule("mode unknown", w -> w.set(WidgetField.MODE, "FREE"), "mode invalid_value"),
                rule("min and max equal", w -> { w.set(WidgetField.MIN_AMOUNT, "10"); w.set(WidgetField.MAX_AMOUNT, "10.0"); }, null),
                rule("min below max", w -> { w.set(WidgetField.MIN_AMOUNT, "1"); w.set(WidgetField.MAX_AMOUNT, "10"); }, null),
                rule("min above max", w -> { w.set(WidgetField.MIN_AMOUNT, "10.01"); w.set(WidgetField.MAX_AMOUNT, "10"); }, "minAmount above_maximum"),
                rule("only a min", w -> w.set(WidgetField.MIN_AMOUNT, "10"), null),
                rule("only a max", w -> w.set(WidgetField.MAX_AMOUNT, "10"), null),
                rule("min .5", w -> w.set(WidgetField.MIN_AMOUNT, ".5"), "minAmount invalid_format"),
                rule("max 1e3", w -> w.set(WidgetField.MAX_AMOUNT, "1e3"), "maxAmount invalid_format"),
                rule("max of 33 chars", w -> w.set(WidgetField.MAX_AMOUNT, "1".repeat(33)), "maxAmount too_long"),
                rule("max of 32 chars", w -> w.set(WidgetField.MAX_AMOUNT, "1".repeat(32)), null),
                rule("fixed with min = max", w -> fixed(w, "25", "25.00"), null),
                rule("fixed with min != max", w -> fixed(w, "25", "26"), "maxAmount amount_mismatch"),
                rule("fixed without min", w -> fixed(w, null, "25"), "minAmount required"),
                rule("fixed without max", w -> fixed(w, "25", null), "maxAmount required"),
                rule("network of 4", w -> w.set(WidgetField.ALLOWED_NETWORKS, List.of("abcd")), null),
                rule("network of 66", w -> w.set(WidgetField.ALLOWED_NETWORKS, List.of("n".repeat(66))), null),
                rule("network of 3", w -> w.set(WidgetField.ALLOWED_NETWORKS, List.of("polygon", "abc")), "allowedNetworks/1 too_short"),
                rule("network of 67", w -> w.set(WidgetField.ALLOWED_NETWORKS, List.of("n".repeat(67))), "allowedNetworks/0 too_long"),
                rule("network null element", w -> w.set(WidgetField.ALLOWED_NETWORKS, Arrays.asList("polygon", null)),
                        "allowedNetworks/1 required"),
                rule("currencies", w -> w.set(WidgetField.ALLOWED_CURRENCIES, List.of("USDC", "DAI", "ETH2")), null),
                rule("currency lowercase", w -> w.set(WidgetField.ALLOWED_CURRENCIES, List.of("USDC", "dai")),
                        "allowedCurrencies/1 invalid_format"),
                rule("currency of 9", w -> w.set(WidgetField.ALLOWED_CURRENCIES, List.of("ABCDEFGHI")), "allowedCurrencies/0 too_long"),
                rule("currency of 1", w -> w.set(WidgetField.ALLOWED_CURRENCIES, List.of("A")), "allowedCurrencies/0 too_short"),
                rule("deposit address of 128", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("a".repeat(128))), null),
                rule("deposit address of 129", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("a".repeat(129))),
                        "allowedDepositAddresses/0 too_long"),
                rule("deposit address empty", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("")),
                        "allowedDepositAddresses/0 too_short"),
                rule("domains", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("shop.example.com", "*.example.com", "localhost")), null),
                rule("domain with a scheme", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("https://shop.example.com")),
                        "allowedDomains/0 invalid_format"),
                rule("domain with a port", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("shop.example.com:443")),
                        "allowedDomains/0 invalid_format"),
                rule("wildcard in the middle", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("shop.*.com")),
                        "allowedDomains/0 invalid_format"),
                rule("bare wildcard", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("*")), "allowedDomains/0 invalid_format"),
                rule("label starting with a dash", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("-shop.example.com")),
                        "allowedDomains/0 invalid_format"),
                rule("empty domain", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("")), "allowedDomains/0 invalid_format"),
                rule("three methods", w -> w.set(WidgetField.ALLOWED_METHODS, List.of("wallet", "qr", "exchange")), null),
                rule("four methods", w -> w.set(WidgetField.ALLOWED_METHODS, List.of("a", "b", "c", "d")), "allowedMethods too_long"),
                rule("empty method", w -> w.set(WidgetField.ALLOWED_METHODS, List.of("wallet", "")), "allowedMethods/1 too_short"),
                rule("method of 64 chars", w -> w.set(WidgetField.ALLOWED_METHODS, List.of("m".repeat(64))), null),
                rule("method of 65 chars", w -> w.set(WidgetField.ALLOWED_METHODS, List.of("m".repeat(65))),
                        "allowedMethods/0 too_long"),
                rule("100 networks", w -> w.set(WidgetField.ALLOWED_NETWORKS, numbered("net-", 100)), null),
                rule("101 networks", w -> w.set(WidgetField.ALLOWED_NETWORKS, numbered("net-", 101)),
                        "allowedNetworks too_long"),
                rule("101 currencies", w -> w.set(WidgetField.ALLOWED_CURRENCIES, numbered("C", 101)),
                        "allowedCurrencies too_long"),
                rule("101 deposit addresses", w -> w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, numbered("0x", 101)),
                        "allowedDepositAddresses too_long"),
                rule("100 domains", w -> w.set(WidgetField.ALLOWED_DOMAINS, numbered("shop", 100).stream()
                        .map(d -> d + ".example.com").toList()), null),
                rule("101 domains", w -> w.set(WidgetField.ALLOWED_DOMAINS, numbered("shop", 101).stream()
                        .map(d -> d + ".example.com").toList()), "allowedDomains too_long"),
                rule("https urls", w -> {
                    w.set(WidgetField.SUCCESS_URL, "https://shop.example.com/thanks?order=1");
                    w.set(WidgetField.CANCEL_URL, "https://shop.example.com/cart");
                    w.set(WidgetField.ICON_URL, "HTTPS://cdn.example.com/icon.png");
                }, null),
                rule("http url", w -> w.set(WidgetField.SUCCESS_URL, "http://shop.example.com"), "successUrl invalid_format"),
                rule("relative url", w -> w.set(WidgetField.CANCEL_URL, "/cart"), "cancelUrl invalid_format"),
                rule("url without host", w -> w.set(WidgetField.ICON_URL, "https:///icon.png"), "iconUrl invalid_format"),
                rule("url with a space", w -> w.set(WidgetField.ICON_URL, "https://cdn.example.com/my icon.png"), "iconUrl invalid_format"),
                rule("url of 2048", w -> w.set(WidgetField.SUCCESS_URL, url(2048)), null),
                rule("url of 2049", w -> w.set(WidgetField.SUCCESS_URL, url(2049)), "successUrl too_long"),
                rule("url empty", w -> w.set(WidgetField.SUCCESS_URL, ""), "successUrl too_short"),
                rule("default currency", w -> w.set(WidgetField.DEFAULT_CURRENCY, "USDC"), null),
                rule("default currency lowercase", w -> w.set(WidgetField.DEFAULT_CURRENCY, "usdc"), "defaultCurrency invalid_format"),
                rule("default currency address empty", w -> w.set(WidgetField.DEFAULT_CURRENCY_ADDRESS, ""), null),
                rule("default currency address of 66", w -> w.set(WidgetField.DEFAULT_CURRENCY_ADDRESS, "a".repeat(66)), null),
                rule("default currency address of 67", w -> w.set(WidgetField.DEFAULT_CURRENCY_ADDRESS, "a".repeat(67)),
                        "defaultCurrencyAddress too_long"),
                rule("default network of 4", w -> w.set(WidgetField.DEFAULT_NETWORK, "abcd"), null),
                rule("default network of 32", w -> w.set(WidgetField.DEFAULT_NETWORK, "n".repeat(32)), null),
                rule("default network of 3", w -> w.set(WidgetField.DEFAULT_NETWORK, "abc"), "defaultNetwork too_short"),
                rule("default network of 33", w -> w.set(WidgetField.DEFAULT_NETWORK, "n".repeat(33)), "defaultNetwork too_long"),
                rule("default deposit address of 128", w -> w.set(WidgetField.DEFAULT_DEPOSIT_ADDRESS, "a".repeat(128)), null),
                rule("default deposit address of 129", w -> w.set(WidgetField.DEFAULT_DEPOSIT_ADDRESS, "a".repeat(129)),
                        "defaultDepositAddress too_long"),
                rule("default deposit address empty", w -> w.set(WidgetField.DEFAULT_DEPOSIT_ADDRESS, ""),
                        "defaultDepositAddress too_short"),
                rule("schema of 2048 bytes", w -> w.set(WidgetField.METADATA_SCHEMA, schemaOfBytes(2048)), null),
                rule("schema of 2049 bytes", w -> w.set(WidgetField.METADATA_SCHEMA, schemaOfBytes(2049)), "metadataSchema too_long"),
                rule("schema empty", w -> w.set(WidgetField.METADATA_SCHEMA, ""), "metadataSchema too_short"),
                rule("schema of 1 byte", w -> w.set(WidgetField.METADATA_SCHEMA, "x"), null),
                rule("domain of 253 chars", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of(domainOf(253))), null),
                rule("domain of 254 chars", w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of(domainOf(254))),
                        "allowedDomains/0 invalid_format"),
                rule("render mode popup", w -> w.set(WidgetField.RENDER_MODE, "POPUP"), null),
                rule("render mode unknown", w -> w.set(WidgetField.RENDER_MODE, "MODAL"), "renderMode invalid_value"),
                rule("color", w -> w.set(WidgetField.COLOR, "#1a2B3cFF"), null),
                rule("color without alpha", w -> w.set(WidgetField.COLOR, "#1a2b3c"), "color invalid_format"),
                rule("color name", w -> w.set(WidgetField.COLOR, "red"), "color invalid_format"),
                rule("emoji of 1", w -> w.set(WidgetField.EMOJI, "☕"), null),
                rule("emoji of 8 code points", w -> w.set(WidgetField.EMOJI, "😀".repeat(8)), null),
                rule("emoji of 9 code points", w -> w.set(WidgetField.EMOJI, "😀".repeat(9)), "emoji too_long"),
                rule("emoji empty", w -> w.set(WidgetField.EMOJI, ""), "emoji too_short"),
                rule("session ttl of 5 minutes", w -> w.set(WidgetField.SESSION_TTL, "PT5M"), null),
                rule("session ttl of 24 hours", w -> w.set(WidgetField.SESSION_TTL, "PT24H"), null),
                rule("session ttl of a day", w -> w.set(WidgetField.SESSION_TTL, "P1D"), null),
                rule("session ttl below 5 minutes", w -> w.set(WidgetField.SESSION_TTL, "PT4M59S"),
                        "sessionTtl below_minimum"),
                rule("session ttl above 24 hours", w -> w.set(WidgetField.SESSION_TTL, "PT24H0.001S"),
                        "sessionTtl above_maximum"),
                rule("session ttl in minutes", w -> w.set(WidgetField.SESSION_TTL, "30"), "sessionTtl invalid_format"),
                rule("session ttl empty", w -> w.set(WidgetField.SESSION_TTL, ""), "sessionTtl invalid_format"),
                rule("tolerance 0", w -> w.set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "0"), null),
                rule("tolerance 50", w -> w.set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "50.000"), null),
                rule("tolerance 2.5", w -> w.set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "2.5"), null),
                rule("tolerance above 50", w -> w.set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "50.01"),
                        "paymentTolerancePercent above_maximum"),
                rule("tolerance negative", w -> w.set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "-1"),
                        "paymentTolerancePercent invalid_format"),
                rule("tolerance with a sign", w -> w.set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "5%"),
                        "paymentTolerancePercent invalid_format"),
                rule("test mode", w -> w.set(WidgetField.TEST_MODE, true), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldRules")
    void each_field_rule_is_checked_on_both_sides_of_its_boundary(String name, Consumer<WidgetDrafts> change,
            String expected) {
        List<String> found = WidgetDrafts.valid().with(change).violations().stream()
                .map(v -> v.field() + " " + v.code()).toList();
        assertEquals(expected == null ? List.of() : List.of(expected), found);
    }

    @Test
    void absent_new_fields_take_their_defaults() {
        WidgetSettings settings = WidgetDrafts.valid().settings();
        assertEquals(java.time.Duration.ofMinutes(30), settings.sessionTtl());
        assertEquals("0", settings.paymentTolerancePercent().text());
        assertEquals(false, settings.testMode());
    }

    @Test
    void an_update_keeps_the_new_fields_it_does_not_name_and_resets_those_it_clears() {
        WidgetSettings current = WidgetDrafts.valid().set(WidgetField.SESSION_TTL, "PT1H")
                .set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "1.5").set(WidgetField.TEST_MODE, true).settings();

        WidgetSettings kept = WidgetRules.apply(current, patch(w -> w.set(WidgetField.NAME, "New"), "name"), List.of());
        WidgetSettings cleared = WidgetRules.apply(current, patch(w -> { }, "sessionTtl", "paymentTolerancePercent",
                "testMode"), List.of());

        assertEquals(List.of("PT1H", "1.5", true), List.of(kept.sessionTtl().toString(),
                kept.paymentTolerancePercent().text(), kept.testMode()));
        assertEquals(List.of("PT30M", "0", false), List.of(cleared.sessionTtl().toString(),
                cleared.paymentTolerancePercent().text(), cleared.testMode()));
    }

    @Test
    void a_draft_field_refuses_a_value_of_the_wrong_type() {
        assertThrows(IllegalArgumentException.class, () -> WidgetDraft.builder().set(WidgetField.TEST_MODE, "true"));
        assertThrows(IllegalArgumentException.class, () -> WidgetDraft.builder().set(WidgetField.NAME, List.of()));
    }

    @Test
    void settings_read_back_from_their_draft_are_the_same_settings() {
        WidgetSettings settings = full().set(WidgetField.SESSION_TTL, "PT2H").set(WidgetField.TEST_MODE, true)
                .set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "3").settings();

        assertEquals(settings, WidgetSettings.from(WidgetDraft.of(settings)));
    }

    @Test
    void absent_lists_mean_any_and_the_render_mode_defaults_to_iframe() {
        WidgetSettings settings = WidgetDrafts.valid().settings();
        assertEquals(List.of(), settings.allowedNetworks());
        assertEquals(List.of(), settings.allowedCurrencies());
        assertEquals(List.of(), settings.allowedDepositAddresses());
        assertEquals(List.of(), settings.allowedDomains());
        assertEquals(List.of(), settings.allowedMethods());
        assertEquals(RenderMode.IFRAME, settings.renderMode());
        assertNull(settings.minAmount());
    }

    @Test
    void every_field_is_kept_as_sent() {
        WidgetSettings settings = full().settings();
        assertEquals("Coffee shop", settings.name());
        assertEquals(WidgetMode.FIXED_AMOUNT, settings.mode());
        assertEquals(new Amount("25.00"), settings.minAmount());
        assertEquals(List.of("*.example.com"), settings.allowedDomains());
        assertEquals("{\"type\":\"object\"}", settings.metadataSchema());
        assertEquals(RenderMode.POPUP, settings.renderMode());
        assertEquals("#112233FF", settings.color());
    }

    @Test
    void every_violation_is_reported_at_once_including_those_found_before() {
        Violation wrongType = new Violation("allowedDomains", "invalid_type", "must be an array of strings");
        DomainException e = assertThrows(DomainException.class, () -> WidgetRules.create(
                WidgetDrafts.valid().with(w -> {
                    w.set(WidgetField.NAME, "");
                    w.set(WidgetField.MODE, "X");
                    w.set(WidgetField.ALLOWED_DOMAINS, List.of("not a host"));
                    w.set(WidgetField.COLOR, "blue");
                }).build(), List.of(wrongType)));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(List.of("allowedDomains invalid_type", "name too_short", "mode invalid_value", "color invalid_format"),
                e.violations().stream().map(v -> v.field() + " " + v.code()).toList());
    }

    @Test
    void an_update_replaces_what_it_names_and_keeps_the_rest() {
        WidgetSettings current = full().settings();
        WidgetPatch patch = patch(w -> w.set(WidgetField.NAME, "Tea shop"), "name");
        WidgetSettings updated = WidgetRules.apply(current, patch, List.of());
        assertEquals("Tea shop", updated.name());
        assertEquals(current.minAmount(), updated.minAmount());
        assertEquals(current.allowedDomains(), updated.allowedDomains());
        assertEquals(current.renderMode(), updated.renderMode());
    }

    @Test
    void null_clears_a_nullable_field_and_an_empty_list() {
        WidgetSettings current = full().settings();
        WidgetSettings updated = WidgetRules.apply(current,
                patch(w -> { }, "color", "allowedDomains", "metadataSchema", "renderMode", "successUrl"), List.of());
        assertNull(updated.color());
        assertNull(updated.metadataSchema());
        assertNull(updated.successUrl());
        assertEquals(List.of(), updated.allowedDomains());
        assertEquals(RenderMode.IFRAME, updated.renderMode());
        assertEquals(current.emoji(), updated.emoji());
    }

    @Test
    void required_fields_cannot_be_cleared() {
        DomainException e = assertThrows(DomainException.class,
                () -> WidgetRules.apply(full().settings(), patch(w -> { }, "name", "mode"), List.of()));
        assertEquals(List.of("name required", "mode required"),
                e.violations().stream().map(v -> v.field() + " " + v.code()).toList());
    }

    @Test
    void an_update_must_leave_settings_that_pass_the_create_rules() {
        // switching a CUSTOMER_AMOUNT widget without a price to FIXED_AMOUNT needs the price too
        WidgetSettings customer = WidgetDrafts.valid().settings();
        DomainException e = assertThrows(DomainException.class,
                () -> WidgetRules.apply(customer, patch(w -> w.set(WidgetField.MODE, "FIXED_AMOUNT"), "mode"), List.of()));
        assertEquals(List.of("minAmount required", "maxAmount required"),
                e.violations().stream().map(v -> v.field() + " " + v.code()).toList());
        // clearing the fixed price of a FIXED_AMOUNT widget is refused for the same reason
        DomainException cleared = assertThrows(DomainException.class,
                () -> WidgetRules.apply(full().settings(), patch(w -> { }, "maxAmount"), List.of()));
        assertEquals("maxAmount", cleared.violations().getFirst().field());
    }

    @Test
    void an_update_checks_the_new_values_with_the_same_rules() {
        DomainException e = assertThrows(DomainException.class, () -> WidgetRules.apply(full().settings(),
                patch(w -> w.set(WidgetField.ALLOWED_METHODS, List.of("a", "b", "c", "d")), "allowedMethods"), List.of()));
        assertEquals("allowedMethods too_long",
                e.violations().getFirst().field() + " " + e.violations().getFirst().code());
    }

    @Test
    void what_the_adapter_already_reported_is_not_checked_again() {
        WidgetDraft draft = WidgetDrafts.valid()
                .set(WidgetField.ALLOWED_NETWORKS, List.of("abc", "polygon"))
                .set(WidgetField.NAME, "")
                .set(WidgetField.SUCCESS_URL, "http://shop.example.com")
                .build();
        List<Violation> fromTheAdapter = List.of(new Violation("allowedNetworks/1", "invalid_type", "must be a string"),
                new Violation("name", "invalid_type", "must be a string"),
                new Violation("successUrl", "invalid_type", "must be a string"));

        DomainException e = assertThrows(DomainException.class, () -> WidgetRules.create(draft, fromTheAdapter));

        assertEquals(fromTheAdapter, e.violations());
    }

    @Test
    void a_list_reported_as_a_whole_is_not_checked_element_by_element() {
        WidgetDraft draft = WidgetDrafts.valid().set(WidgetField.ALLOWED_CURRENCIES, List.of("usdc")).build();
        List<Violation> fromTheAdapter = List.of(new Violation("allowedCurrencies", "too_long", "too many"));

        DomainException e = assertThrows(DomainException.class, () -> WidgetRules.create(draft, fromTheAdapter));

        assertEquals(fromTheAdapter, e.violations());
    }

    @Test
    void a_schema_of_one_byte_is_worth_checking() {
        assertEquals(true, WidgetRules.schemaWithinSize("x"));
    }

    @Test
    void a_schema_is_small_enough_to_check_from_1_to_2048_bytes() {
        assertEquals(false, WidgetRules.schemaWithinSize(""));
        assertEquals(true, WidgetRules.schemaWithinSize(schemaOfBytes(2048)));
        assertEquals(false, WidgetRules.schemaWithinSize(schemaOfBytes(2049)));
    }

    private static WidgetPatch patch(Consumer<WidgetDrafts> values, String... present) {
        return new WidgetPatch(WidgetDrafts.empty().with(values).build(), Set.of(present), null);
    }

    private static WidgetDrafts full() {
        return WidgetDrafts.valid().with(w -> {
            fixed(w, "25.00", "25");
            w.set(WidgetField.ALLOWED_NETWORKS, List.of("polygon"));
            w.set(WidgetField.ALLOWED_CURRENCIES, List.of("USDC"));
            w.set(WidgetField.ALLOWED_DOMAINS, List.of("*.example.com"));
            w.set(WidgetField.SUCCESS_URL, "https://shop.example.com/thanks");
            w.set(WidgetField.METADATA_SCHEMA, "{\"type\":\"object\"}");
            w.set(WidgetField.RENDER_MODE, "POPUP");
            w.set(WidgetField.COLOR, "#112233FF");
            w.set(WidgetField.EMOJI, "☕");
        });
    }

    /** {@code count} distinct entries that pass the element rule: {@code C0}, {@code C1}, … */
    private static List<String> numbered(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static void fixed(WidgetDrafts w, String min, String max) {
        w.set(WidgetField.MODE, "FIXED_AMOUNT");
        w.set(WidgetField.MIN_AMOUNT, min);
        w.set(WidgetField.MAX_AMOUNT, max);
    }

    /** A host name of {@code length} characters, labels of at most 63 letters. */
    private static String domainOf(int length) {
        StringBuilder domain = new StringBuilder();
        while (domain.length() < length) {
            int left = length - domain.length();
            domain.append("a".repeat(Math.min(63, left - (left > 63 ? 2 : 0))));
            if (domain.length() < length) {
                domain.append('.');
            }
        }
        return domain.toString();
    }

    private static String url(int length) {
        String prefix = "https://shop.example.com/";
        return prefix + "p".repeat(length - prefix.length());
    }

    /** A schema text of exactly {@code bytes} UTF-8 bytes, using 2-byte chars so chars and bytes differ. */
    private static String schemaOfBytes(int bytes) {
        String head = "{\"description\":\"";
        String tail = "\"}";
        int fill = bytes - head.length() - tail.length();
        return head + "é".repeat(fill / 2) + "a".repeat(fill % 2) + tail;
    }

    private static Arguments rule(String name, Consumer<WidgetDrafts> change, String expected) {
        return arguments(name, change, expected);
    }
}
