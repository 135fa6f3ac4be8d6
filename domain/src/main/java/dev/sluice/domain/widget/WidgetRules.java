package dev.sluice.domain.widget;

import static dev.sluice.domain.shared.TextRules.length;
import static dev.sluice.domain.shared.TextRules.matches;
import static dev.sluice.domain.shared.TextRules.present;

import dev.sluice.domain.session.Amount;
import dev.sluice.domain.session.Metadata;
import dev.sluice.domain.session.SessionRules;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.shared.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The create-widget and update-widget rules of api.md, every violation collected. Violations
 * name the API fields; a list element is named by its index, e.g. {@code allowedNetworks/2}.
 * Whether {@code metadataSchema} is a valid JSON Schema is the caller's check (a port); here
 * only its size is bounded.
 */
public final class WidgetRules {
    public static final int MAX_SCHEMA_BYTES = Metadata.MAX_BYTES;
    public static final int MAX_METHODS = 3;
    /** What one tenant may store and have compared on every request: a hundred entries a list. */
    public static final int MAX_LIST_ENTRIES = 100;
    private static final int MAX_METHOD_LENGTH = 64;
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{8}");
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DOMAIN = Pattern.compile("(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")*");
    private static final int MAX_DOMAIN_LENGTH = 253;
    private static final int MAX_URL_LENGTH = 2048;

    private WidgetRules() {
    }

    /**
     * New settings, or {@code validation_failed} listing every broken rule together with
     * {@code alreadyFound} (wrong JSON types, schema errors); a field named there is not checked
     * again. Absent lists are empty, an absent renderMode is IFRAME.
     */
    public static WidgetSettings create(WidgetDraft draft, List<Violation> alreadyFound) {
        return check(draft, alreadyFound);
    }

    /**
     * The settings after a partial update: a field the patch names replaces the current value,
     * {@code null} clears it (a required field cannot be cleared: {@code required}), and the result
     * must pass the same rules as a new widget.
     */
    public static WidgetSettings apply(WidgetSettings current, WidgetPatch patch, List<Violation> alreadyFound) {
        WidgetDraft sent = patch.values();
        WidgetDraft merged = new WidgetDraft(
                pick(patch, "name", sent.name(), current.name()),
                pick(patch, "mode", sent.mode(), current.mode().name()),
                pick(patch, "minAmount", sent.minAmount(), text(current.minAmount())),
                pick(patch, "maxAmount", sent.maxAmount(), text(current.maxAmount())),
                pick(patch, "allowedNetworks", sent.allowedNetworks(), current.allowedNetworks()),
                pick(patch, "allowedCurrencies", sent.allowedCurrencies(), current.allowedCurrencies()),
                pick(patch, "allowedDepositAddresses", sent.allowedDepositAddresses(), current.allowedDepositAddresses()),
                pick(patch, "allowedDomains", sent.allowedDomains(), current.allowedDomains()),
                pick(patch, "allowedMethods", sent.allowedMethods(), current.allowedMethods()),
                pick(patch, "successUrl", sent.successUrl(), current.successUrl()),
                pick(patch, "cancelUrl", sent.cancelUrl(), current.cancelUrl()),
                pick(patch, "iconUrl", sent.iconUrl(), current.iconUrl()),
                pick(patch, "defaultCurrency", sent.defaultCurrency(), current.defaultCurrency()),
                pick(patch, "defaultCurrencyAddress", sent.defaultCurrencyAddress(), current.defaultCurrencyAddress()),
                pick(patch, "defaultNetwork", sent.defaultNetwork(), current.defaultNetwork()),
                pick(patch, "defaultDepositAddress", sent.defaultDepositAddress(), current.defaultDepositAddress()),
                pick(patch, "metadataSchema", sent.metadataSchema(), current.metadataSchema()),
                pick(patch, "renderMode", sent.renderMode(), current.renderMode().name()),
                pick(patch, "color", sent.color(), current.color()),
                pick(patch, "emoji", sent.emoji(), current.emoji()));
        return check(merged, alreadyFound);
    }

    /** Whether a schema text is small enough to be worth handing to the JSON Schema check. */
    public static boolean schemaWithinSize(String schemaJson) {
        int bytes = Metadata.byteLength(schemaJson);
        return bytes >= 1 && bytes <= MAX_SCHEMA_BYTES;
    }

    private static WidgetSettings check(WidgetDraft draft, List<Violation> alreadyFound) {
        Violations violations = new Violations().addAll(alreadyFound);
        String name = draft.name();
        if (!violations.hasField("name") && present(violations, "name", name)) {
            length(violations, "name", name, 1, 128);
        }
        WidgetMode mode = violations.hasField("mode") ? null
                : enumValue(violations, "mode", draft.mode(), WidgetMode.class, null);
        Amount min = amount(violations, "minAmount", draft.minAmount());
        Amount max = amount(violations, "maxAmount", draft.maxAmount());
        checkBounds(violations, mode, draft, min, max);
        List<String> networks = list(violations, "allowedNetworks", draft.allowedNetworks(),
                (field, value) -> length(violations, field, value, 4, 66));
        List<String> currencies = list(violations, "allowedCurrencies", draft.allowedCurrencies(),
                (field, value) -> currency(violations, field, value));
        List<String> addresses = list(violations, "allowedDepositAddresses", draft.allowedDepositAddresses(),
                (field, value) -> length(violations, field, value, 1, 128));
        List<String> domains = list(violations, "allowedDomains", draft.allowedDomains(),
                (field, value) -> domain(violations, field, value));
        List<String> methods = list(violations, "allowedMethods", draft.allowedMethods(),
                (field, value) -> length(violations, field, value, 1, MAX_METHOD_LENGTH));
        if (!violations.hasField("allowedMethods") && methods.size() > MAX_METHODS) {
            violations.add("allowedMethods", "too_long", "must list at most " + MAX_METHODS + " methods");
        }
        optional(violations, "successUrl", draft.successUrl(), WidgetRules::url);
        optional(violations, "cancelUrl", draft.cancelUrl(), WidgetRules::url);
        optional(violations, "iconUrl", draft.iconUrl(), WidgetRules::url);
        optional(violations, "defaultCurrency", draft.defaultCurrency(), WidgetRules::currency);
        optional(violations, "defaultCurrencyAddress", draft.defaultCurrencyAddress(),
                (v, field, value) -> length(v, field, value, 0, 66));
        optional(violations, "defaultNetwork", draft.defaultNetwork(), (v, field, value) -> length(v, field, value, 4, 32));
        optional(violations, "defaultDepositAddress", draft.defaultDepositAddress(),
                (v, field, value) -> length(v, field, value, 1, 128));
        optional(violations, "metadataSchema", draft.metadataSchema(), WidgetRules::schemaSize);
        RenderMode renderMode = violations.hasField("renderMode") ? null
                : enumValue(violations, "renderMode", draft.renderMode(), RenderMode.class, RenderMode.IFRAME);
        optional(violations, "color", draft.color(),
                (v, field, value) -> matches(v, field, value, COLOR, "a colour #RRGGBBAA"));
        optional(violations, "emoji", draft.emoji(), (v, field, value) -> length(v, field, value, 1, 8));
        violations.throwIfAny();
        return new WidgetSettings(name, mode, min, max, networks, currencies, addresses, domains, methods,
                draft.successUrl(), draft.cancelUrl(), draft.iconUrl(), draft.defaultCurrency(),
                draft.defaultCurrencyAddress(), draft.defaultNetwork(), draft.defaultDepositAddress(),
                draft.metadataSchema(), renderMode, draft.color(), draft.emoji());
    }

    private static void checkBounds(Violations violations, WidgetMode mode, WidgetDraft draft, Amount min, Amount max) {
        if (mode == WidgetMode.FIXED_AMOUNT) {
            if (draft.minAmount() == null && !violations.hasField("minAmount")) {
                violations.add("minAmount", "required", "is required for FIXED_AMOUNT (the fixed price)");
            }
            if (draft.maxAmount() == null && !violations.hasField("maxAmount")) {
                violations.add("maxAmount", "required", "is required for FIXED_AMOUNT (the fixed price)");
            }
            if (min != null && max != null && !min.numericallyEquals(max)) {
                violations.add("maxAmount", "amount_mismatch", "must equal minAmount for FIXED_AMOUNT");
            }
        } else if (min != null && max != null && min.compareTo(max) > 0) {
            violations.add("minAmount", "above_maximum", "must not be greater than maxAmount");
        }
    }

    private static Amount amount(Violations violations, String field, String text) {
        if (text == null || violations.hasField(field) || !length(violations, field, text, 1, Amount.MAX_LENGTH)) {
            return null;
        }
        if (!Amount.isWellFormed(text)) {
            violations.add(field, "invalid_format", "must be a decimal number such as 100.50");
            return null;
        }
        return new Amount(text);
    }

    private static <E extends Enum<E>> E enumValue(Violations violations, String field, String text, Class<E> type,
            E whenAbsent) {
        if (text == null) {
            if (whenAbsent == null) {
                violations.add(field, "required", "is required");
            }
            return whenAbsent;
        }
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equals(text)) {
                return candidate;
            }
        }
        List<String> names = new ArrayList<>();
        for (E candidate : type.getEnumConstants()) {
            names.add(candidate.name());
        }
        violations.add(field, "invalid_value", "must be one of " + String.join(", ", names));
        return null;
    }

    @FunctionalInterface
    private interface ElementRule {
        boolean check(String field, String value);
    }

    @FunctionalInterface
    private interface FieldRule {
        boolean check(Violations violations, String field, String value);
    }

    private static List<String> list(Violations violations, String field, List<String> values, ElementRule rule) {
        if (values == null || violations.hasFieldOrPart(field)) {
            return values == null ? List.of() : copyWithoutNulls(values);
        }
        if (values.size() > MAX_LIST_ENTRIES) {
            violations.add(field, "too_long", "must list at most " + MAX_LIST_ENTRIES + " entries");
            return copyWithoutNulls(values);
        }
        for (int i = 0; i < values.size(); i++) {
            String element = field + "/" + i;
            if (present(violations, element, values.get(i))) {
                rule.check(element, values.get(i));
            }
        }
        return copyWithoutNulls(values);
    }

    private static List<String> copyWithoutNulls(List<String> values) {
        return values.stream().filter(v -> v != null).toList();
    }

    private static void optional(Violations violations, String field, String value, FieldRule rule) {
        if (value != null && !violations.hasField(field)) {
            rule.check(violations, field, value);
        }
    }

    private static boolean currency(Violations violations, String field, String value) {
        return length(violations, field, value, 2, 8)
                && matches(violations, field, value, SessionRules.CURRENCY, "2-8 uppercase letters or digits");
    }

    private static boolean domain(Violations violations, String field, String value) {
        if (value.length() > MAX_DOMAIN_LENGTH || !DOMAIN.matcher(value).matches()) {
            violations.add(field, "invalid_format", "must be a host name such as shop.example.com or *.example.com");
            return false;
        }
        return true;
    }

    private static boolean url(Violations violations, String field, String value) {
        if (!length(violations, field, value, 1, MAX_URL_LENGTH)) {
            return false;
        }
        if (!isAbsoluteHttps(value)) {
            violations.add(field, "invalid_format", "must be an absolute https URL");
            return false;
        }
        return true;
    }

    private static boolean isAbsoluteHttps(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && "https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean schemaSize(Violations violations, String field, String value) {
        int bytes = Metadata.byteLength(value);
        if (bytes < 1) {
            violations.add(field, "too_short", "must not be empty");
            return false;
        }
        if (bytes > MAX_SCHEMA_BYTES) {
            violations.add(field, "too_long", "must be at most " + MAX_SCHEMA_BYTES + " bytes, is " + bytes);
            return false;
        }
        return true;
    }

    private static <T> T pick(WidgetPatch patch, String field, T sent, T current) {
        return patch.has(field) ? sent : current;
    }

    private static String text(Amount amount) {
        return amount == null ? null : amount.text();
    }
}
