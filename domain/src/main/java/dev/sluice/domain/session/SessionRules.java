package dev.sluice.domain.session;

import static dev.sluice.domain.shared.TextRules.length;
import static dev.sluice.domain.shared.TextRules.matches;
import static dev.sluice.domain.shared.TextRules.present;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.Grammars;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.shared.TextRules;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.shared.Violations;
import dev.sluice.domain.widget.WidgetMode;
import dev.sluice.domain.widget.WidgetSettings;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The create-session rules of api.md, field by field, every violation collected. */
public final class SessionRules {

    private static final Pattern HEX_ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]+");

    private SessionRules() {
    }

    /**
     * The session's terms, or {@code validation_failed} listing every broken rule together with
     * {@code alreadyFound}: what the caller found before (wrong JSON types, schema mismatches).
     * A field named there is not checked again, so it is never reported twice.
     */
    public static DepositSession.Terms check(WidgetSettings widget, SessionDraft draft,
            List<Violation> alreadyFound) {
        Violations violations = new Violations().addAll(alreadyFound);
        Amount amount = violations.hasField("amount") ? null : checkAmount(violations, widget, draft.amount());
        if (!violations.hasField("currency")) {
            checkCurrency(violations, widget, draft.currency());
        }
        if (!violations.hasField("network")) {
            checkNetwork(violations, widget, draft.network());
        }
        if (!violations.hasField("currencyAddress")) {
            checkCurrencyAddress(violations, draft.currencyAddress());
        }
        if (!violations.hasField("depositAddress")) {
            checkDepositAddress(violations, widget, draft.depositAddress());
        }
        if (!violations.hasField("customerEmail")) {
            checkOptionalText(violations, "customerEmail", draft.customerEmail(), Grammars::isEmailAddress,
                    "an email address");
        }
        if (!violations.hasField("customerReference")) {
            checkCustomerReference(violations, draft.customerReference());
        }
        Metadata metadata = violations.hasField("metadata") ? null : checkMetadata(violations, draft.metadataJson());
        violations.throwIfAny();
        return new DepositSession.Terms(amount, draft.currency(), draft.network(), draft.currencyAddress(),
                draft.depositAddress(), draft.customerEmail(), draft.customerReference(), metadata,
                widget.paymentTolerancePercent(), widget.testMode());
    }

    private static Amount checkAmount(Violations violations, WidgetSettings widget, String text) {
        String field = "amount";
        if (!present(violations, field, text) || !length(violations, field, text, 1, Amount.MAX_LENGTH)) {
            return null;
        }
        if (!Amount.isWellFormed(text)) {
            violations.add(field, "invalid_format", "must be a decimal number such as 100.50");
            return null;
        }
        Amount amount = new Amount(text);
        if (!amount.isPositive()) {
            violations.add(field, "not_positive", "must be greater than 0");
            return null;
        }
        if (widget.mode() == WidgetMode.FIXED_AMOUNT) {
            if (widget.minAmount() != null && !amount.numericallyEquals(widget.minAmount())) {
                violations.add(field, "amount_mismatch", "must equal the fixed amount " + widget.minAmount());
            }
        } else if (widget.minAmount() != null && amount.compareTo(widget.minAmount()) < 0) {
            violations.add(field, "below_minimum", "must be at least " + widget.minAmount());
        } else if (widget.maxAmount() != null && amount.compareTo(widget.maxAmount()) > 0) {
            violations.add(field, "above_maximum", "must be at most " + widget.maxAmount());
        }
        return amount;
    }

    private static void checkCurrency(Violations violations, WidgetSettings widget, String currency) {
        String field = "currency";
        if (present(violations, field, currency) && length(violations, field, currency, 2, 8)
                && matches(violations, field, currency, Grammars::isCurrencyCode,
                        "2-8 uppercase letters or digits")) {
            checkAllowed(violations, field, widget.allowedCurrencies(), currency, false);
        }
    }

    private static void checkNetwork(Violations violations, WidgetSettings widget, String network) {
        String field = "network";
        if (present(violations, field, network) && length(violations, field, network, 4, 66)
                && matches(violations, field, network, Grammars::isChainToken,
                        "letters, digits, '.', '_', ':' or '-'")) {
            checkAllowed(violations, field, widget.allowedNetworks(), network, false);
        }
    }

    private static void checkCurrencyAddress(Violations violations, String address) {
        String field = "currencyAddress";
        if (present(violations, field, address) && length(violations, field, address, 0, 66)) {
            matches(violations, field, address, Grammars::isChainToken, "letters, digits, '.', '_', ':' or '-'");
        }
    }

    private static void checkDepositAddress(Violations violations, WidgetSettings widget, String address) {
        String field = "depositAddress";
        if (present(violations, field, address) && length(violations, field, address, 1, 128)
                && matches(violations, field, address, Grammars::isFreeOfWhitespaceAndControls,
                        "free of whitespace and control characters")) {
            checkAllowed(violations, field, widget.allowedDepositAddresses(), address, true);
        }
    }

    private static void checkOptionalText(Violations violations, String field, String value,
            Predicate<String> grammar, String expected) {
        if (value != null && length(violations, field, value, 1, 128)) {
            matches(violations, field, value, grammar, expected);
        }
    }

    private static void checkCustomerReference(Violations violations, String reference) {
        String field = "customerReference";
        if (reference != null && length(violations, field, reference, 1, 128)
                && !TextRules.hasNoControlChars(reference)) {
            violations.add(field, "invalid_format", "must not contain control characters");
        }
    }

    private static Metadata checkMetadata(Violations violations, String compactJson) {
        if (compactJson == null) {
            return null;
        }
        if (!compactJson.startsWith("{") || !compactJson.endsWith("}")) {
            violations.add("metadata", "invalid_type", "must be a JSON object");
            return null;
        }
        int bytes = Metadata.byteLength(compactJson);
        if (bytes > Metadata.MAX_BYTES) {
            violations.add("metadata", "too_long", "must be at most " + Metadata.MAX_BYTES + " bytes, is " + bytes);
            return null;
        }
        return new Metadata(compactJson);
    }

    private static void checkAllowed(Violations violations, String field, List<String> allowed, String value,
            boolean hexCaseInsensitive) {
        if (allowed.isEmpty() || allowed.stream().anyMatch(a -> sameAddress(a, value, hexCaseInsensitive))) {
            return;
        }
        violations.add(field, "not_allowed", "is not allowed by this widget");
    }

    /** {@code 0x} hex addresses are case-insensitive (EIP-55 checksums only vary the case). */
    static boolean sameAddress(String allowed, String value, boolean hexCaseInsensitive) {
        if (hexCaseInsensitive && HEX_ADDRESS.matcher(value).matches() && HEX_ADDRESS.matcher(allowed).matches()) {
            return allowed.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
        }
        return allowed.equals(value);
    }
}
