package dev.sluice.adapters.http;

import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetPatch;
import dev.sluice.domain.widget.WidgetSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Widgets on the wire: create and update bodies in, the widget and its public config out. */
final class WidgetJson {
    static final Set<String> DRAFT_FIELDS = Set.of("name", "mode", "minAmount", "maxAmount", "allowedNetworks",
            "allowedCurrencies", "allowedDepositAddresses", "allowedDomains", "allowedMethods", "successUrl",
            "cancelUrl", "iconUrl", "defaultCurrency", "defaultCurrencyAddress", "defaultNetwork",
            "defaultDepositAddress", "metadataSchema", "renderMode", "color", "emoji");
    static final Set<String> PATCH_FIELDS = union(DRAFT_FIELDS, "enabled");

    private WidgetJson() {
    }

    static WidgetDraft draft(RequestObject body) {
        return new WidgetDraft(body.string("name"), body.string("mode"), body.string("minAmount"),
                body.string("maxAmount"), body.strings("allowedNetworks"), body.strings("allowedCurrencies"),
                body.strings("allowedDepositAddresses"), body.strings("allowedDomains"),
                body.strings("allowedMethods"), body.string("successUrl"), body.string("cancelUrl"),
                body.string("iconUrl"), body.string("defaultCurrency"), body.string("defaultCurrencyAddress"),
                body.string("defaultNetwork"), body.string("defaultDepositAddress"), body.objectJson("metadataSchema"),
                body.string("renderMode"), body.string("color"), body.string("emoji"));
    }

    /** Present fields replace, {@code null} clears, absent ones stay; {@code enabled} is not nullable. */
    static WidgetPatch patch(RequestObject body) {
        Set<String> present = new HashSet<>();
        for (String field : DRAFT_FIELDS) {
            if (body.has(field)) {
                present.add(field);
            }
        }
        if (body.isNull("enabled")) {
            body.addViolation(new Violation("enabled", "invalid_type", "must be true or false"));
        }
        Boolean enabled = body.bool("enabled");
        return new WidgetPatch(draft(body), present, enabled);
    }

    static ObjectNode widget(Widget widget) {
        WidgetSettings s = widget.settings();
        ObjectNode node = JsonIo.object()
                .put("id", widget.id().value())
                .put("businessId", widget.businessId().value())
                .put("name", s.name())
                .put("mode", s.mode().name())
                .put("minAmount", SessionJson.text(s.minAmount()))
                .put("maxAmount", SessionJson.text(s.maxAmount()));
        strings(node, "allowedNetworks", s.allowedNetworks());
        strings(node, "allowedCurrencies", s.allowedCurrencies());
        strings(node, "allowedDepositAddresses", s.allowedDepositAddresses());
        strings(node, "allowedDomains", s.allowedDomains());
        strings(node, "allowedMethods", s.allowedMethods());
        return node.put("successUrl", s.successUrl())
                .put("cancelUrl", s.cancelUrl())
                .put("iconUrl", s.iconUrl())
                .put("defaultCurrency", s.defaultCurrency())
                .put("defaultCurrencyAddress", s.defaultCurrencyAddress())
                .put("defaultNetwork", s.defaultNetwork())
                .put("defaultDepositAddress", s.defaultDepositAddress())
                .set("metadataSchema", JsonIo.raw(s.metadataSchema()))
                .put("renderMode", s.renderMode().name())
                .put("color", s.color())
                .put("emoji", s.emoji())
                .put("enabled", widget.enabled())
                .put("createdAt", JsonIo.timestamp(widget.createdAt()))
                .put("updatedAt", JsonIo.timestamp(widget.updatedAt()));
    }

    /** What a widget's front end may know: no business, no domains, no redirect URLs. */
    static ObjectNode publicConfig(Widget widget) {
        WidgetSettings s = widget.settings();
        ObjectNode node = JsonIo.object()
                .put("name", s.name())
                .put("mode", s.mode().name())
                .put("minAmount", SessionJson.text(s.minAmount()))
                .put("maxAmount", SessionJson.text(s.maxAmount()));
        strings(node, "allowedNetworks", s.allowedNetworks());
        strings(node, "allowedCurrencies", s.allowedCurrencies());
        strings(node, "allowedDepositAddresses", s.allowedDepositAddresses());
        strings(node, "allowedMethods", s.allowedMethods());
        return node.put("renderMode", s.renderMode().name())
                .put("iconUrl", s.iconUrl())
                .put("color", s.color())
                .put("emoji", s.emoji())
                .put("defaultCurrency", s.defaultCurrency())
                .put("defaultCurrencyAddress", s.defaultCurrencyAddress())
                .put("defaultNetwork", s.defaultNetwork())
                .put("defaultDepositAddress", s.defaultDepositAddress())
                .set("metadataSchema", JsonIo.raw(s.metadataSchema()))
                .put("allowAllOrigins", s.allowedDomains().isEmpty())
                .put("allowAllMethods", s.allowedMethods().isEmpty())
                .put("successUrl", s.successUrl())
                .put("cancelUrl", s.cancelUrl());
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    private static Set<String> union(Set<String> fields, String more) {
        Set<String> all = new HashSet<>(fields);
        all.add(more);
        return Set.copyOf(all);
    }
}
