package dev.sluice.application.service;

import static dev.sluice.application.fakes.TestApp.BUSINESS;
import static dev.sluice.application.fakes.TestApp.OWNER;
import static dev.sluice.application.fakes.TestApp.STRANGER;
import static dev.sluice.application.fakes.TestApp.widgetDraft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.TestApp;
import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.GetWidgetConfig.WidgetConfig;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetPatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WidgetServicesTest {
    private final TestApp app = new TestApp();

    @Test
    void a_member_creates_a_widget_that_is_stored_enabled_with_a_working_secret() {
        Widget.Issued issued = app.newWidget();
        Widget stored = app.widgets.findById(issued.widget().id()).orElseThrow();
        assertTrue(stored.enabled());
        assertEquals(BUSINESS, stored.businessId());
        assertEquals(TestApp.START, stored.createdAt());
        assertTrue(stored.acceptsSecret(issued.clientSecret()));
        assertEquals(List.of(stored.id()), app.listWidgets.list(OWNER, BUSINESS.value()).stream().map(Widget::id).toList());
    }

    @Test
    void widget_endpoints_need_a_member_of_the_business_in_the_path() {
        assertCode(ErrorCode.FORBIDDEN, () -> app.createWidget.create(STRANGER, BUSINESS.value(), widgetDraft("S"), List.of()));
        assertCode(ErrorCode.FORBIDDEN, () -> app.listWidgets.list(OWNER, "biz_other"));
        assertCode(ErrorCode.FORBIDDEN, () -> app.listWidgets.list(OWNER, "not a business!"));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.listWidgets.list(new Caller.SecretHolder("dep_secret_x"), BUSINESS.value()));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.listWidgets.list(TestApp.CONSUMER, BUSINESS.value()));
    }

    @Test
    void a_widget_of_another_business_is_not_found_even_for_a_member_of_both() {
        Widget.Issued theirs = app.createWidget.create(STRANGER, "biz_other", widgetDraft("Theirs"), List.of());
        Caller.BusinessUser both = new Caller.BusinessUser("u", Set.of(BUSINESS, TestApp.OTHER_BUSINESS), Set.of());
        String id = theirs.widget().id().value();
        assertCode(ErrorCode.NOT_FOUND, () -> app.getWidget.get(both, BUSINESS.value(), id));
        assertCode(ErrorCode.NOT_FOUND, () -> app.deleteWidget.delete(both, BUSINESS.value(), id));
        assertCode(ErrorCode.NOT_FOUND, () -> app.rotateWidgetSecret.rotate(both, BUSINESS.value(), id));
        assertCode(ErrorCode.NOT_FOUND, () -> app.getWidget.get(OWNER, BUSINESS.value(), "wdgt_nonsense"));
        assertEquals(theirs.widget().id(), app.getWidget.get(both, "biz_other", id).id());
    }

    @Test
    void every_violation_is_reported_together_with_the_schema_verdict_and_what_the_adapter_found() {
        WidgetDraft draft = WidgetDraft.builder()
                .set(WidgetField.NAME, "")
                .set(WidgetField.MODE, "CUSTOMER_AMOUNT")
                .set(WidgetField.SUCCESS_URL, "http://insecure.example.com")
                .set(WidgetField.METADATA_SCHEMA, "{\"type\":\"nonsense\"}")
                .build();
        Violation unknown = new Violation("colour", "unknown_field", "is not a field of a widget");
        DomainException e = assertThrows(DomainException.class,
                () -> app.createWidget.create(OWNER, BUSINESS.value(), draft, List.of(unknown)));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(List.of("colour unknown_field", "metadataSchema invalid_schema", "name too_short",
                "successUrl invalid_format"), e.violations().stream().map(v -> v.field() + " " + v.code()).toList());
        assertEquals(List.of(), app.widgets.listLive(BUSINESS));
    }

    @Test
    void an_oversized_schema_is_reported_by_its_size_without_asking_the_schema_checker() {
        String huge = "{\"description\":\"" + "x".repeat(2100) + "\"}";
        WidgetDraft draft = WidgetDraft.builder()
                .set(WidgetField.NAME, "Shop")
                .set(WidgetField.MODE, "CUSTOMER_AMOUNT")
                .set(WidgetField.METADATA_SCHEMA, huge)
                .build();
        assertCode(ErrorCode.VALIDATION_FAILED, () -> app.createWidget.create(OWNER, BUSINESS.value(), draft, List.of()));
        assertEquals(List.of(), app.schemas.checkedSchemas());
    }

    @Test
    void a_business_has_at_most_ten_live_widgets_and_deleted_ones_do_not_count() {
        for (int i = 0; i < CreateWidgetService.MAX_LIVE_WIDGETS; i++) {
            app.newWidget();
        }
        DomainException e = assertThrows(DomainException.class, app::newWidget);
        assertEquals(ErrorCode.WIDGET_LIMIT_REACHED, e.code());
        assertEquals(10, app.widgets.listLive(BUSINESS).size());

        Widget first = app.widgets.listLive(BUSINESS).getFirst();
        app.deleteWidget.delete(OWNER, BUSINESS.value(), first.id().value());
        app.newWidget();
        assertEquals(10, app.widgets.listLive(BUSINESS).size());
    }

    @Test
    void the_limit_is_per_business() {
        for (int i = 0; i < CreateWidgetService.MAX_LIVE_WIDGETS; i++) {
            app.newWidget();
        }
        app.createWidget.create(STRANGER, "biz_other", widgetDraft("Theirs"), List.of());
        assertEquals(1, app.widgets.listLive(TestApp.OTHER_BUSINESS).size());
    }

    @Test
    void an_update_changes_what_it_names_and_can_disable_the_widget() {
        Widget.Issued issued = app.newWidget();
        app.clock.advance(Duration.ofMinutes(1));
        WidgetPatch patch = new WidgetPatch(WidgetDraft.builder()
                .set(WidgetField.ALLOWED_DOMAINS, List.of("shop.example.com"))
                .build(),
                Set.of("allowedDomains"), false);
        Widget updated = app.updateWidget.update(OWNER, BUSINESS.value(), issued.widget().id().value(), patch, List.of());
        assertEquals(List.of("shop.example.com"), updated.settings().allowedDomains());
        assertEquals("Shop", updated.settings().name());
        assertFalse(updated.enabled());
        assertEquals(TestApp.START.plus(Duration.ofMinutes(1)), updated.updatedAt());
        assertEquals(updated.settings(), app.widgets.findById(issued.widget().id()).orElseThrow().settings());
        assertTrue(updated.acceptsSecret(issued.clientSecret()));

        Widget enabledAgain = app.updateWidget.update(OWNER, BUSINESS.value(), issued.widget().id().value(),
                new WidgetPatch(widgetDraft(null), Set.of(), true), List.of());
        assertTrue(enabledAgain.enabled());
        assertEquals(List.of("shop.example.com"), enabledAgain.settings().allowedDomains());
    }

    @Test
    void an_update_breaking_a_rule_changes_nothing() {
        Widget.Issued issued = app.newWidget();
        WidgetPatch clearName = new WidgetPatch(widgetDraft(null), Set.of("name"), false);
        DomainException e = assertThrows(DomainException.class, () -> app.updateWidget.update(OWNER,
                BUSINESS.value(), issued.widget().id().value(), clearName, List.of()));
        assertEquals(List.of(new Violation("name", "required", "is required")), e.violations());
        assertTrue(app.widgets.findById(issued.widget().id()).orElseThrow().enabled());
    }

    @Test
    void an_updated_schema_is_checked_by_the_schema_port() {
        Widget.Issued issued = app.newWidget();
        WidgetDraft values = WidgetDraft.builder().set(WidgetField.METADATA_SCHEMA, "{\"type\":\"nonsense\"}").build();
        DomainException e = assertThrows(DomainException.class, () -> app.updateWidget.update(OWNER,
                BUSINESS.value(), issued.widget().id().value(), new WidgetPatch(values, Set.of("metadataSchema"), null),
                List.of()));
        assertEquals("metadataSchema", e.violations().getFirst().field());
    }

    @Test
    void a_deleted_widget_disappears_and_accepts_nothing_but_its_sessions_stay_readable() {
        Widget.Issued issued = app.newWidget();
        String sessionId = app.newSession(issued, "10").session().id().value();
        String id = issued.widget().id().value();

        app.deleteWidget.delete(OWNER, BUSINESS.value(), id);

        assertEquals(List.of(), app.listWidgets.list(OWNER, BUSINESS.value()));
        assertCode(ErrorCode.NOT_FOUND, () -> app.getWidget.get(OWNER, BUSINESS.value(), id));
        assertCode(ErrorCode.NOT_FOUND, () -> app.deleteWidget.delete(OWNER, BUSINESS.value(), id));
        assertCode(ErrorCode.NOT_FOUND, () -> app.getWidgetConfig.get(new Caller.SecretHolder(issued.clientSecret()),
                id, Optional.empty()));
        assertCode(ErrorCode.NOT_FOUND, () -> app.newSession(issued, "10"));
        assertEquals(sessionId, app.getSession.get(OWNER, sessionId, Optional.empty()).session().id().value());
    }

    @Test
    void a_rotated_secret_replaces_the_old_one_at_once() {
        Widget.Issued issued = app.newWidget();
        String id = issued.widget().id().value();
        String fresh = app.rotateWidgetSecret.rotate(OWNER, BUSINESS.value(), id);
        assertTrue(fresh.startsWith("wdgt_secret_"));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.getWidgetConfig.get(new Caller.SecretHolder(issued.clientSecret()),
                id, Optional.empty()));
        assertTrue(app.getWidgetConfig.get(new Caller.SecretHolder(fresh), id, Optional.empty()).widget().isPresent());
    }

    @Test
    void the_config_is_shown_to_the_widget_secret_and_to_the_owning_business() {
        Widget.Issued issued = app.newWidget();
        String id = issued.widget().id().value();
        WidgetConfig bySecret = app.getWidgetConfig.get(new Caller.SecretHolder(issued.clientSecret()), id,
                Optional.of("any.example"));
        assertEquals(Optional.of(issued.widget().id()), bySecret.widget().map(Widget::id));
        assertEquals(Optional.empty(), bySecret.reason());
        assertTrue(app.getWidgetConfig.get(OWNER, id, Optional.empty()).widget().isPresent());
        assertCode(ErrorCode.NOT_FOUND, () -> app.getWidgetConfig.get(STRANGER, id, Optional.empty()));
        assertCode(ErrorCode.UNAUTHORIZED, () -> app.getWidgetConfig.get(new Caller.SecretHolder("dep_secret_abc"), id,
                Optional.empty()));
        assertCode(ErrorCode.NOT_FOUND, () -> app.getWidgetConfig.get(OWNER, "wdgt_" + "0".repeat(32), Optional.empty()));
    }

    @Test
    void the_config_of_a_disabled_widget_or_for_a_foreign_origin_is_withheld_with_the_reason() {
        Widget.Issued issued = app.newWidget();
        String id = issued.widget().id().value();
        Caller secret = new Caller.SecretHolder(issued.clientSecret());
        app.updateWidget.update(OWNER, BUSINESS.value(), id, new WidgetPatch(WidgetDraft.builder()
                .set(WidgetField.ALLOWED_DOMAINS, List.of("*.example.com"))
                .build(), Set.of("allowedDomains"), null), List.of());

        assertEquals(new WidgetConfig(Optional.empty(), Optional.of("domain_not_allowed")),
                app.getWidgetConfig.get(secret, id, Optional.of("evil.test")));
        assertTrue(app.getWidgetConfig.get(secret, id, Optional.of("shop.example.com")).widget().isPresent());
        assertTrue(app.getWidgetConfig.get(secret, id, Optional.empty()).widget().isPresent());

        app.updateWidget.update(OWNER, BUSINESS.value(), id, new WidgetPatch(widgetDraft(null), Set.of(), false), List.of());
        assertEquals(new WidgetConfig(Optional.empty(), Optional.of("widget_disabled")),
                app.getWidgetConfig.get(secret, id, Optional.of("shop.example.com")));
    }

    static void assertCode(ErrorCode expected, Executable call) {
        DomainException e = assertThrows(DomainException.class, call);
        assertEquals(expected, e.code(), e.getMessage());
    }
}
