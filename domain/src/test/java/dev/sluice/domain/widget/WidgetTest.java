package dev.sluice.domain.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WidgetTest {
    private static final BusinessId BUSINESS = new BusinessId("biz_1");
    private static final Instant NOW = Instant.parse("2026-06-09T12:00:00.000Z");

    @ParameterizedTest(name = "{0} on [shop.example.com, *.example.org]: {1}")
    @CsvSource({
            "shop.example.com, true",
            "SHOP.Example.COM, true",
            "example.com, false",
            "evil-shop.example.com, false",
            "a.shop.example.com, false",
            "pay.example.org, true",
            "a.b.example.org, true",
            "example.org, false",
            "badexample.org, false",
            "example.org.evil.com, false"})
    void a_browser_origin_must_match_an_allowed_domain(String host, boolean allowed) {
        Widget widget = WidgetDrafts.valid()
                .with(w -> w.set(WidgetField.ALLOWED_DOMAINS, List.of("shop.example.com", "*.example.org")))
                .widget(BUSINESS);
        assertEquals(allowed, widget.allowsOrigin(host));
    }

    @ParameterizedTest(name = "{0} on [*.example.org]: {1}")
    @CsvSource({
            "a.example.org, true",
            ".example.org, false"})
    void a_wildcard_needs_at_least_one_character_before_its_domain(String host, boolean allowed) {
        Widget widget = WidgetDrafts.valid().set(WidgetField.ALLOWED_DOMAINS, List.of("*.example.org")).widget(BUSINESS);

        assertEquals(allowed, widget.allowsOrigin(host));
    }

    @Test
    void a_restored_widget_is_the_widget_that_was_stored() {
        Widget.Issued issued = Widget.create(BUSINESS, WidgetDrafts.valid().settings(), NOW);
        Widget stored = issued.widget();

        Widget restored = Widget.restore(stored.id(), stored.businessId(), stored.settings(), false,
                stored.secretHash(), stored.createdAt(), NOW.plusSeconds(1), null, 7);

        assertEquals(List.of(stored.id(), stored.businessId(), stored.settings(), false, NOW, NOW.plusSeconds(1), 7L),
                List.of(restored.id(), restored.businessId(), restored.settings(), restored.enabled(),
                        restored.createdAt(), restored.updatedAt(), restored.version()));
        assertTrue(restored.acceptsSecret(issued.clientSecret()));
        assertEquals(stored.id().value(), stored.id().toString());
        assertEquals("biz_1", BUSINESS.toString());
    }

    @Test
    void a_business_id_from_a_token_is_parsed_or_refused() {
        assertEquals(java.util.Optional.of(BUSINESS), BusinessId.parse("biz_1"));
        assertEquals(java.util.Optional.empty(), BusinessId.parse("biz 1"));
        assertEquals(java.util.Optional.empty(), BusinessId.parse(null));
    }

    @Test
    void a_widget_without_domains_allows_every_origin() {
        assertTrue(WidgetDrafts.valid().widget(BUSINESS).allowsOrigin("anything.example"));
    }

    @Test
    void a_new_widget_is_enabled_and_accepts_only_its_own_secret_shown_once() {
        Widget.Issued issued = Widget.create(BUSINESS, WidgetDrafts.valid().settings(), NOW);
        Widget widget = issued.widget();
        assertTrue(widget.enabled());
        assertTrue(issued.clientSecret().startsWith("wdgt_secret_"));
        assertTrue(widget.id().value().startsWith("wdgt_"));
        assertTrue(widget.acceptsSecret(issued.clientSecret()));
        assertFalse(widget.acceptsSecret(issued.clientSecret() + "x"));
        assertFalse(widget.acceptsSecret(null));
        assertFalse(widget.secretHash().hex().contains(issued.clientSecret()));
        assertEquals(NOW, widget.createdAt());
        assertEquals(NOW, widget.updatedAt());
    }

    @Test
    void rotating_the_secret_makes_the_old_one_stop_working() {
        Widget.Issued first = Widget.create(BUSINESS, WidgetDrafts.valid().settings(), NOW);
        Widget.Issued rotated = first.widget().rotateSecret(NOW.plusSeconds(5));
        assertNotEquals(first.clientSecret(), rotated.clientSecret());
        assertFalse(rotated.widget().acceptsSecret(first.clientSecret()));
        assertTrue(rotated.widget().acceptsSecret(rotated.clientSecret()));
        assertEquals(first.widget().id(), rotated.widget().id());
        assertEquals(NOW.plusSeconds(5), rotated.widget().updatedAt());
    }

    @Test
    void a_deleted_widget_keeps_its_identity_and_knows_it_is_deleted() {
        Widget widget = WidgetDrafts.valid().widget(BUSINESS);
        Widget deleted = widget.delete(NOW.plusSeconds(1));
        assertTrue(deleted.isDeleted());
        assertFalse(widget.isDeleted());
        assertEquals(NOW.plusSeconds(1), deleted.deletedAt());
        assertEquals(widget.id(), deleted.id());
    }

    @Test
    void reconfiguring_can_disable_a_widget_and_keeps_its_owner() {
        Widget widget = WidgetDrafts.valid().widget(BUSINESS);
        Widget disabled = widget.reconfigure(widget.settings(), false, NOW.plusSeconds(2));
        assertFalse(disabled.enabled());
        assertTrue(disabled.isOwnedBy(BUSINESS));
        assertFalse(disabled.isOwnedBy(new BusinessId("biz_2")));
    }
}
