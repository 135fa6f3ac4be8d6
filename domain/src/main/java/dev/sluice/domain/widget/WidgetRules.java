package dev.sluice.domain.widget;

import static dev.sluice.domain.shared.TextRules.length;
import static dev.sluice.domain.shared.TextRules.matches;
import static dev.sluice.domain.shared.TextRules.present;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_CURRENCIES;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_DEPOSIT_ADDRESSES;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_DOMAINS;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_METHODS;
import static dev.sluice.domain.widget.WidgetField.ALLOWED_NETWORKS;
import static dev.sluice.domain.widget.WidgetField.CANCEL_URL;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_CURRENCY;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_CURRENCY_ADDRESS;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_DEPOSIT_ADDRESS;
import static dev.sluice.domain.widget.WidgetField.DEFAULT_NETWORK;
import static dev.sluice.domain.widget.WidgetField.EMOJI;
import static dev.sluice.domain.widget.WidgetField.ICON_URL;
import static dev.sluice.domain.widget.WidgetField.MAX_AMOUNT;
import static dev.sluice.domain.widget.WidgetField.METADATA_SCHEMA;
import static dev.sluice.domain.widget.WidgetField.MIN_AMOUNT;
import static dev.sluice.domain.widget.WidgetField.MODE;
import static dev.sluice.domain.widget.WidgetField.NAME;
import static dev.sluice.domain.widget.WidgetField.PAYMENT_TOLERANCE_PERCENT;
import static dev.sluice.domain.widget.WidgetField.RENDER_MODE;
import static dev.sluice.domain.widget.WidgetField.SESSION_TTL;
import static dev.sluice.domain.widget.WidgetField.SUCCESS_URL;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.shared.Grammars;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.shared.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
    private static final Duration MIN_SESSION_TTL = Duration.ofMinutes(5);
    private static final Duration MAX_SESSION_TTL = Duration.ofHours(24);
    private static final Amount MAX_TOLERANCE = new Amount("50");

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
        WidgetDraft merged = WidgetDraft.of(current);
        for (WidgetField field : WidgetField.values()) {
            if (patch.has(field)) {
                merged = merged.with(field, patch.values().value(field));
            }
        }
        return check(merged, alreadyFound);
    }

    /** Whether a schema text is small enough to be worth handing to the JSON Schema check. */
    public static boolean schemaWithinSize(String schemaJson) {
        int bytes = Metadata.byteLength(schemaJson);
        return bytes >= 1 && bytes <= MAX_SCHEMA_BYTES;
    }

    private static WidgetSettings check(WidgetDraft draft, List<Violation> alreadyFound) {
        Violations violations = new Violations().addAll(alreadyFound);
        String name = draft.text(NAME);
        if (!violations.hasField("name") && present(violations, "name", name)) {
            length(violations, "name", name, 1, 128);
        }
        WidgetMode mode = violations.hasField("mode") ? null
                : enumValue(violations, "mode", draft.text(MODE), WidgetMode.class, true);
        Amount min = amount(violations, "minAmount", draft.text(MIN_AMOUNT));
        Amount max = amount(violations, "maxAmount", draft.text(MAX_AMOUNT));
        checkBounds(violations, mode, draft, min, max);
        list(violations, "allowedNetworks", draft.texts(ALLOWED_NETWORKS),
                (field, value) -> length(violations, field, value, 4, 66));
        list(violations, "allowedCurrencies", draft.texts(ALLOWED_CURRENCIES),
                (field, value) -> currency(violations, field, value));
        list(violations, "allowedDepositAddresses", draft.texts(ALLOWED_DEPOSIT_ADDRESSES),
                (field, value) -> length(violations, field, value, 1, 128));
        list(violations, "allowedDomains", draft.texts(ALLOWED_DOMAINS),
                (field, value) -> domain(violations, field, value));
        List<String> methods = draft.texts(ALLOWED_METHODS);
        list(violations, "allowedMethods", methods,
                (field, value) -> length(violations, field, value, 1, MAX_METHOD_LENGTH));
        if (!violations.hasField("allowedMethods") && methods != null
                && methods.stream().filter(Objects::nonNull).count() > MAX_METHODS) {
            violations.add("allowedMethods", "too_long", "must list at most " + MAX_METHODS + " methods");
        }
        optional(violations, "successUrl", draft.text(SUCCESS_URL), WidgetRules::url);
        optional(violations, "cancelUrl", draft.text(CANCEL_URL), WidgetRules::url);
        optional(violations, "iconUrl", draft.text(ICON_URL), WidgetRules::url);
        optional(violations, "defaultCurrency", draft.text(DEFAULT_CURRENCY), WidgetRules::currency);
        optional(violations, "defaultCurrencyAddress", draft.text(DEFAULT_CURRENCY_ADDRESS),
                (v, field, value) -> length(v, field, value, 0, 66));
        optional(violations, "defaultNetwork", draft.text(DEFAULT_NETWORK), (v, field, value) -> length(v, field, value, 4, 32));
        optional(violations, "defaultDepositAddress", draft.text(DEFAULT_DEPOSIT_ADDRESS),
                (v, field, value) -> length(v, field, value, 1, 128));
        optional(violations, "metadataSchema", draft.text(METADATA_SCHEMA), WidgetRules::schemaSize);
        if (!violations.hasField("renderMode")) {
            enumValue(violations, "renderMode", draft.text(RENDER_MODE), RenderMode.class, false);
        }
        optional(violations, "color", draft.text(WidgetField.COLOR),
                (v, field, value) -> matches(v, field, value, COLOR.asMatchPredicate(), "a colour #RRGGBBAA"));
        optional(violations, "emoji", draft.text(EMOJI), (v, field, value) -> length(v, field, value, 1, 8));
        optional(violations, "sessionTtl", draft.text(SESSION_TTL), WidgetRules::sessionTtl);
        optional(violations, "paymentTolerancePercent", draft.text(PAYMENT_TOLERANCE_PERCENT),
                WidgetRules::tolerance);
        violations.throwIfAny();
        return WidgetSettings.from(draft);
    }

    private static void checkBounds(Violations violations, WidgetMode mode, WidgetDraft draft, Amount min, Amount max) {
        if (mode == WidgetMode.FIXED_AMOUNT) {
            if (draft.text(MIN_AMOUNT) == null && !violations.hasField("minAmount")) {
                violations.add("minAmount", "required", "is required for FIXED_AMOUNT (the fixed price)");
            }
            if (draft.text(MAX_AMOUNT) == null && !violations.hasField("maxAmount")) {
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

    /** The constant named {@code text}; {@code null} when absent (a violation if required) or unknown. */
    private static <E extends Enum<E>> E enumValue(Violations violations, String field, String text, Class<E> type,
            boolean required) {
        if (text == null) {
            if (required) {
                violations.add(field, "required", "is required");
            }
            return null;
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

    /** A rule adding what is wrong with one value to the violations it holds. */
    @FunctionalInterface
    private interface ElementRule {
        void check(String field, String value);
    }

    /** A rule adding what is wrong with a field's value to {@code violations}. */
    @FunctionalInterface
    private interface FieldRule {
        void check(Violations violations, String field, String value);
    }

    /** Checks every element of a list that nothing reported on yet, each named by its index. */
    private static void list(Violations violations, String field, List<String> values, ElementRule rule) {
        if (values == null || violations.hasFieldOrPart(field)) {
            return;
        }
        if (values.size() > MAX_LIST_ENTRIES) {
            violations.add(field, "too_long", "must list at most " + MAX_LIST_ENTRIES + " entries");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String element = field + "/" + i;
            if (present(violations, element, values.get(i))) {
                rule.check(element, values.get(i));
            }
        }
    }

    private static void optional(Violations violations, String field, String value, FieldRule rule) {
        if (value != null && !violations.hasField(field)) {
            rule.check(violations, field, value);
        }
    }

    private static void currency(Violations violations, String field, String value) {
        if (length(violations, field, value, 2, 8)) {
            matches(violations, field, value, Grammars::isCurrencyCode, "2-8 uppercase letters or digits");
        }
    }

    private static void domain(Violations violations, String field, String value) {
        if (value.length() > MAX_DOMAIN_LENGTH || !DOMAIN.matcher(value).matches()) {
            violations.add(field, "invalid_format", "must be a host name such as shop.example.com or *.example.com");
        }
    }

    private static void url(Violations violations, String field, String value) {
        if (length(violations, field, value, 1, MAX_URL_LENGTH) && !isAbsoluteHttps(value)) {
            violations.add(field, "invalid_format", "must be an absolute https URL");
        }
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

    private static void sessionTtl(Violations violations, String field, String value) {
        Duration ttl;
        try {
            ttl = Duration.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(field, "invalid_format", "must be an ISO 8601 duration such as PT30M");
            return;
        }
        if (ttl.compareTo(MIN_SESSION_TTL) < 0) {
            violations.add(field, "below_minimum", "must be at least PT5M");
        } else if (ttl.compareTo(MAX_SESSION_TTL) > 0) {
            violations.add(field, "above_maximum", "must be at most PT24H");
        }
    }

    private static void tolerance(Violations violations, String field, String value) {
        if (!Amount.isWellFormed(value)) {
            violations.add(field, "invalid_format", "must be a decimal number from 0 to 50, such as 2.5");
        } else if (new Amount(value).compareTo(MAX_TOLERANCE) > 0) {
            violations.add(field, "above_maximum", "must be at most 50");
        }
    }

    private static void schemaSize(Violations violations, String field, String value) {
        int bytes = Metadata.byteLength(value);
        if (bytes < 1) {
            violations.add(field, "too_short", "must not be empty");
        } else if (bytes > MAX_SCHEMA_BYTES) {
            violations.add(field, "too_long", "must be at most " + MAX_SCHEMA_BYTES + " bytes, is " + bytes);
        }
    }
}
