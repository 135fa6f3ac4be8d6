package dev.sluice.domain.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.sluice.domain.session.Amount;
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
                rule("name of 1", w -> w.name = "A", null),
                rule("name of 128", w -> w.name = "n".repeat(128), null),
                rule("name of 129", w -> w.name = "n".repeat(129), "name too_long"),
                rule("name empty", w -> w.name = "", "name too_short"),
                rule("name missing", w -> w.name = null, "name required"),
                rule("mode missing", w -> w.mode = null, "mode required"),
                rule("mode unknown", w -> w.mode = "FREE", "mode invalid_value"),
                rule("min and max equal", w -> { w.minAmount = "10"; w.maxAmount = "10.0"; }, null),
                rule("min below max", w -> { w.minAmount = "1"; w.maxAmount = "10"; }, null),
                rule("min above max", w -> { w.minAmount = "10.01"; w.maxAmount = "10"; }, "minAmount above_maximum"),
                rule("only a min", w -> w.minAmount = "10", null),
                rule("only a max", w -> w.maxAmount = "10", null),
                rule("min .5", w -> w.minAmount = ".5", "minAmount invalid_format"),
                rule("max 1e3", w -> w.maxAmount = "1e3", "maxAmount invalid_format"),
                rule("max of 33 chars", w -> w.maxAmount = "1".repeat(33), "maxAmount too_long"),
                rule("max of 32 chars", w -> w.maxAmount = "1".repeat(32), null),
                rule("fixed with min = max", w -> fixed(w, "25", "25.00"), null),
                rule("fixed with min != max", w -> fixed(w, "25", "26"), "maxAmount amount_mismatch"),
                rule("fixed without min", w -> fixed(w, null, "25"), "minAmount required"),
                rule("fixed without max", w -> fixed(w, "25", null), "maxAmount required"),
                rule("network of 4", w -> w.allowedNetworks = List.of("abcd"), null),
                rule("network of 66", w -> w.allowedNetworks = List.of("n".repeat(66)), null),
                rule("network of 3", w -> w.allowedNetworks = List.of("polygon", "abc"), "allowedNetworks/1 too_short"),
                rule("network of 67", w -> w.allowedNetworks = List.of("n".repeat(67)), "allowedNetworks/0 too_long"),
                rule("network null element", w -> w.allowedNetworks = Arrays.asList("polygon", null),
                        "allowedNetworks/1 required"),
                rule("currencies", w -> w.allowedCurrencies = List.of("USDC", "DAI", "ETH2"), null),
                rule("currency lowercase", w -> w.allowedCurrencies = List.of("USDC", "dai"),
                        "allowedCurrencies/1 invalid_format"),
                rule("currency of 9", w -> w.allowedCurrencies = List.of("ABCDEFGHI"), "allowedCurrencies/0 too_long"),
                rule("currency of 1", w -> w.allowedCurrencies = List.of("A"), "allowedCurrencies/0 too_short"),
                rule("deposit address of 128", w -> w.allowedDepositAddresses = List.of("a".repeat(128)), null),
                rule("deposit address of 129", w -> w.allowedDepositAddresses = List.of("a".repeat(129)),
                        "allowedDepositAddresses/0 too_long"),
                rule("deposit address empty", w -> w.allowedDepositAddresses = List.of(""),
                        "allowedDepositAddresses/0 too_short"),
                rule("domains", w -> w.allowedDomains = List.of("shop.example.com", "*.example.com", "localhost"), null),
                rule("domain with a scheme", w -> w.allowedDomains = List.of("https://shop.example.com"),
                        "allowedDomains/0 invalid_format"),
                rule("domain with a port", w -> w.allowedDomains = List.of("shop.example.com:443"),
                        "allowedDomains/0 invalid_format"),
                rule("wildcard in the middle", w -> w.allowedDomains = List.of("shop.*.com"),
                        "allowedDomains/0 invalid_format"),
                rule("bare wildcard", w -> w.allowedDomains = List.of("*"), "allowedDomains/0 invalid_format"),
                rule("label starting with a dash", w -> w.allowedDomains = List.of("-shop.example.com"),
                        "allowedDomains/0 invalid_format"),
                rule("empty domain", w -> w.allowedDomains = List.of(""), "allowedDomains/0 invalid_format"),
                rule("three methods", w -> w.allowedMethods = List.of("wallet", "qr", "exchange"), null),
                rule("four methods", w -> w.allowedMethods = List.of("a", "b", "c", "d"), "allowedMethods too_long"),
                rule("empty method", w -> w.allowedMethods = List.of("wallet", ""), "allowedMethods/1 too_short"),
                rule("method of 64 chars", w -> w.allowedMethods = List.of("m".repeat(64)), null),
                rule("method of 65 chars", w -> w.allowedMethods = List.of("m".repeat(65)), "allowedMethods/0 too_long"),
                rule("100 networks", w -> w.allowedNetworks = numbered("net-", 100), null),
                rule("101 networks", w -> w.allowedNetworks = numbered("net-", 101), "allowedNetworks too_long"),
                rule("101 currencies", w -> w.allowedCurrencies = numbered("C", 101), "allowedCurrencies too_long"),
                rule("101 deposit addresses", w -> w.allowedDepositAddresses = numbered("0x", 101),
                        "allowedDepositAddresses too_long"),
                rule("100 domains", w -> w.allowedDomains = numbered("shop", 100).stream()
                        .map(d -> d + ".example.com").toList(), null),
                rule("101 domains", w -> w.allowedDomains = numbered("shop", 101).stream()
                        .map(d -> d + ".example.com").toList(), "allowedDomains too_long"),
                rule("https urls", w -> {
                    w.successUrl = "https://shop.example.com/thanks?order=1";
                    w.cancelUrl = "https://shop.example.com/cart";
                    w.iconUrl = "HTTPS://cdn.example.com/icon.png";
                }, null),
                rule("http url", w -> w.successUrl = "http://shop.example.com", "successUrl invalid_format"),
                rule("relative url", w -> w.cancelUrl = "/cart", "cancelUrl invalid_format"),
                rule("url without host", w -> w.iconUrl = "https:///icon.png", "iconUrl invalid_format"),
                rule("url with a space", w -> w.iconUrl = "https://cdn.example.com/my icon.png", "iconUrl invalid_format"),
                rule("url of 2048", w -> w.successUrl = url(2048), null),
                rule("url of 2049", w -> w.successUrl = url(2049), "successUrl too_long"),
                rule("url empty", w -> w.successUrl = "", "successUrl too_short"),
                rule("default currency", w -> w.defaultCurrency = "USDC", null),
                rule("default currency lowercase", w -> w.defaultCurrency = "usdc", "defaultCurrency invalid_format"),
                rule("default currency address empty", w -> w.defaultCurrencyAddress = "", null),
                rule("default currency address of 66", w -> w.defaultCurrencyAddress = "a".repeat(66), null),
                rule("default currency address of 67", w -> w.defaultCurrencyAddress = "a".repeat(67),
                        "defaultCurrencyAddress too_long"),
                rule("default network of 4", w -> w.defaultNetwork = "abcd", null),
                rule("default network of 32", w -> w.defaultNetwork = "n".repeat(32), null),
                rule("default network of 3", w -> w.defaultNetwork = "abc", "defaultNetwork too_short"),
                rule("default network of 33", w -> w.defaultNetwork = "n".repeat(33), "defaultNetwork too_long"),
                rule("default deposit address of 128", w -> w.defaultDepositAddress = "a".repeat(128), null),
                rule("default deposit address of 129", w -> w.defaultDepositAddress = "a".repeat(129),
                        "defaultDepositAddress too_long"),
                rule("default deposit address empty", w -> w.defaultDepositAddress = "",
                        "defaultDepositAddress too_short"),
                rule("schema of 2048 bytes", w -> w.metadataSchema = schemaOfBytes(2048), null),
                rule("schema of 2049 bytes", w -> w.metadataSchema = schemaOfBytes(2049), "metadataSchema too_long"),
                rule("schema empty", w -> w.metadataSchema = "", "metadataSchema too_short"),
                rule("render mode popup", w -> w.renderMode = "POPUP", null),
                rule("render mode unknown", w -> w.renderMode = "MODAL", "renderMode invalid_value"),
                rule("color", w -> w.color = "#1a2B3cFF", null),
                rule("color without alpha", w -> w.color = "#1a2b3c", "color invalid_format"),
                rule("color name", w -> w.color = "red", "color invalid_format"),
                rule("emoji of 1", w -> w.emoji = "☕", null),
                rule("emoji of 8 code points", w -> w.emoji = "😀".repeat(8), null),
                rule("emoji of 9 code points", w -> w.emoji = "😀".repeat(9), "emoji too_long"),
                rule("emoji empty", w -> w.emoji = "", "emoji too_short"));
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
                    w.name = "";
                    w.mode = "X";
                    w.allowedDomains = List.of("not a host");
                    w.color = "blue";
                }).build(), List.of(wrongType)));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(List.of("allowedDomains invalid_type", "name too_short", "mode invalid_value", "color invalid_format"),
                e.violations().stream().map(v -> v.field() + " " + v.code()).toList());
    }

    @Test
    void an_update_replaces_what_it_names_and_keeps_the_rest() {
        WidgetSettings current = full().settings();
        WidgetPatch patch = patch(w -> w.name = "Tea shop", "name");
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
                () -> WidgetRules.apply(customer, patch(w -> w.mode = "FIXED_AMOUNT", "mode"), List.of()));
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
                patch(w -> w.allowedMethods = List.of("a", "b", "c", "d"), "allowedMethods"), List.of()));
        assertEquals("allowedMethods too_long",
                e.violations().getFirst().field() + " " + e.violations().getFirst().code());
    }

    @Test
    void a_schema_is_small_enough_to_check_from_1_to_2048_bytes() {
        assertEquals(false, WidgetRules.schemaWithinSize(""));
        assertEquals(true, WidgetRules.schemaWithinSize(schemaOfBytes(2048)));
        assertEquals(false, WidgetRules.schemaWithinSize(schemaOfBytes(2049)));
    }

    private static WidgetPatch patch(Consumer<WidgetDrafts> values, String... present) {
        WidgetDrafts drafts = new WidgetDrafts();
        drafts.name = null;
        drafts.mode = null;
        return new WidgetPatch(drafts.with(values).build(), Set.of(present), null);
    }

    private static WidgetDrafts full() {
        return WidgetDrafts.valid().with(w -> {
            fixed(w, "25.00", "25");
            w.allowedNetworks = List.of("polygon");
            w.allowedCurrencies = List.of("USDC");
            w.allowedDomains = List.of("*.example.com");
            w.successUrl = "https://shop.example.com/thanks";
            w.metadataSchema = "{\"type\":\"object\"}";
            w.renderMode = "POPUP";
            w.color = "#112233FF";
            w.emoji = "☕";
        });
    }

    /** {@code count} distinct entries that pass the element rule: {@code C0}, {@code C1}, … */
    private static List<String> numbered(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static void fixed(WidgetDrafts w, String min, String max) {
        w.mode = "FIXED_AMOUNT";
        w.minAmount = min;
        w.maxAmount = max;
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
