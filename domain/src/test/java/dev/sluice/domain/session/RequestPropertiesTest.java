package dev.sluice.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetDrafts;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetRules;
import dev.sluice.domain.widget.WidgetSettings;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a caller sends, the rules answer with a valid value or with validation_failed, never anything else. */
class RequestPropertiesTest {
    private static final Set<String> SESSION_FIELDS = Set.of("amount", "currency", "network", "currencyAddress",
            "depositAddress", "customerEmail", "customerReference", "metadata");

    @Property(tries = 300)
    void any_create_session_request_yields_terms_or_violations(@ForAll("widgets") WidgetSettings widget,
            @ForAll("texts") String amount, @ForAll("texts") String currency, @ForAll("texts") String network,
            @ForAll("texts") String currencyAddress, @ForAll("texts") String depositAddress,
            @ForAll("texts") String email, @ForAll("texts") String reference, @ForAll("json") String metadata) {
        SessionDraft draft = new SessionDraft(amount, currency, network, currencyAddress, depositAddress, email,
                reference, metadata);
        try {
            DepositSession.Terms terms = SessionRules.check(widget, draft, List.of());
            assertEquals(amount, terms.amount().text());
            assertEquals(true, terms.amount().isPositive());
        } catch (DomainException e) {
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            assertFalse(e.violations().isEmpty());
            e.violations().forEach(v -> assertEquals(true, SESSION_FIELDS.contains(v.field()), v.field()));
        }
    }

    @Property(tries = 200)
    void any_observation_yields_an_observation_or_violations(@ForAll("texts") String id, @ForAll("kinds") String kind,
            @ForAll("texts") String txId, @ForAll("texts") String amount, @ForAll("texts") String observedAt) {
        try {
            Observation observation = ObservationRules.check(
                    new ObservationDraft(id, kind, txId, amount, null, observedAt), Instant.EPOCH);
            assertEquals(kind, observation.kind().name());
        } catch (DomainException e) {
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            assertFalse(e.violations().isEmpty());
        }
    }

    @Property(tries = 200)
    void any_widget_request_yields_settings_or_violations(@ForAll("texts") String name, @ForAll("modes") String mode,
            @ForAll("texts") String min, @ForAll("texts") String max, @ForAll("texts") String url,
            @ForAll("texts") String color, @ForAll("texts") String emoji, @ForAll("textLists") List<String> list) {
        WidgetDraft draft = WidgetDraft.builder()
                .set(WidgetField.NAME, name).set(WidgetField.MODE, mode)
                .set(WidgetField.MIN_AMOUNT, min).set(WidgetField.MAX_AMOUNT, max)
                .set(WidgetField.ALLOWED_NETWORKS, list).set(WidgetField.ALLOWED_CURRENCIES, list)
                .set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, list).set(WidgetField.ALLOWED_DOMAINS, list)
                .set(WidgetField.ALLOWED_METHODS, list)
                .set(WidgetField.SUCCESS_URL, url).set(WidgetField.CANCEL_URL, url).set(WidgetField.ICON_URL, url)
                .set(WidgetField.DEFAULT_CURRENCY, color).set(WidgetField.DEFAULT_CURRENCY_ADDRESS, color)
                .set(WidgetField.DEFAULT_NETWORK, emoji).set(WidgetField.DEFAULT_DEPOSIT_ADDRESS, emoji)
                .set(WidgetField.METADATA_SCHEMA, emoji).set(WidgetField.RENDER_MODE, mode)
                .set(WidgetField.COLOR, color).set(WidgetField.EMOJI, emoji)
                .set(WidgetField.SESSION_TTL, emoji).set(WidgetField.PAYMENT_TOLERANCE_PERCENT, min)
                .build();
        try {
            WidgetSettings settings = WidgetRules.create(draft, List.of());
            assertEquals(name, settings.name());
        } catch (DomainException e) {
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            assertFalse(e.violations().isEmpty());
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(140),
                Arbitraries.strings().withChars("0123456789.-+eE ").ofMaxLength(36),
                Arbitraries.strings().withChars("ABCDUSabc0x12:._-@ \t").ofMaxLength(70),
                Arbitraries.of("", "0", "100", "USDC", "polygon", "0xMerchant", "c@example.com",
                        "https://shop.example.com", "#112233FF", "2026-06-09T12:00:00Z"))
                .injectNull(0.15);
    }

    @Provide
    Arbitrary<String> json() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(2100).map(s -> "{\"k\":\"" + s + "\"}"),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("{}", "[]", "{", "}", ""))
                .injectNull(0.3);
    }

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.oneOf(Arbitraries.of("DETECTED", "CONFIRMED", "FAILED"), texts());
    }

    @Provide
    Arbitrary<String> modes() {
        return Arbitraries.oneOf(Arbitraries.of("FIXED_AMOUNT", "CUSTOMER_AMOUNT", "IFRAME", "POPUP"), texts());
    }

    @Provide
    Arbitrary<List<String>> textLists() {
        return texts().list().ofMaxSize(5).injectNull(0.2);
    }

    @Provide
    Arbitrary<WidgetSettings> widgets() {
        return Arbitraries.of(
                WidgetDrafts.valid().settings(),
                WidgetDrafts.valid().with(w -> {
                    w.set(WidgetField.MIN_AMOUNT, "10");
                    w.set(WidgetField.MAX_AMOUNT, "100");
                }).settings(),
                WidgetDrafts.valid().with(w -> {
                    w.set(WidgetField.MODE, "FIXED_AMOUNT");
                    w.set(WidgetField.MIN_AMOUNT, "25");
                    w.set(WidgetField.MAX_AMOUNT, "25.0");
                }).settings(),
                WidgetDrafts.valid().with(w -> {
                    w.set(WidgetField.ALLOWED_CURRENCIES, List.of("USDC"));
                    w.set(WidgetField.ALLOWED_NETWORKS, List.of("polygon"));
                    w.set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, List.of("0xMerchant"));
                }).settings());
    }
}
