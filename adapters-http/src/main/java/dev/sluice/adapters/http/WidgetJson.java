package dev.sluice.adapters.http;

import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetPatch;
import dev.sluice.domain.widget.WidgetSettings;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Widgets on the wire, field by field as {@link WidgetField} lists them: bodies in, the widget and its public config out. */
final class WidgetJson {
    static final Set<String> DRAFT_FIELDS = Arrays.stream(WidgetField.values()).map(WidgetField::apiName)
            .collect(Collectors.toUnmodifiableSet());
    static final Set<String> PATCH_FIELDS = union(DRAFT_FIELDS, "enabled");

    private WidgetJson() {
    }

    static WidgetDraft draft(RequestObject body) {
        WidgetDraft.Builder draft = WidgetDraft.builder();
        for (WidgetField field : WidgetField.values()) {
            String name = field.apiName();
            draft.set(field, switch (field.kind()) {
                case TEXT, AMOUNT -> body.string(name);
                case TEXTS -> body.strings(name);
                case JSON -> body.objectJson(name);
                case FLAG -> body.bool(name);
            });
        }
        return draft.build();
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
        ObjectNode node = JsonIo.object()
                .put("id", widget.id().value())
                .put("businessId", widget.businessId().value());
        for (WidgetField field : WidgetField.values()) {
            put(node, field, widget.settings());
        }
        return node.put("enabled", widget.enabled())
                .put("createdAt", JsonIo.timestamp(widget.createdAt()))
                .put("updatedAt", JsonIo.timestamp(widget.updatedAt()));
    }

    /** What a widget's front end may know: no business, no domains, no redirect URLs. */
    static ObjectNode publicConfig(Widget widget) {
        WidgetSettings s = widget.settings();
        ObjectNode node = JsonIo.object();
        for (WidgetField field : WidgetField.values()) {
            if (field.inPublicConfig()) {
                put(node, field, s);
            }
        }
        return node.put("allowAllOrigins", s.allowedDomains().isEmpty())
                .put("allowAllMethods", s.allowedMethods().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static void put(ObjectNode node, WidgetField field, WidgetSettings settings) {
        Object value = field.valueIn(settings);
        switch (field.kind()) {
            case TEXT, AMOUNT -> node.put(field.apiName(), (String) value);
            case TEXTS -> {
                ArrayNode array = node.putArray(field.apiName());
                ((List<String>) value).forEach(array::add);
            }
            case JSON -> node.set(field.apiName(), JsonIo.raw((String) value));
            case FLAG -> node.put(field.apiName(), (Boolean) value);
        }
    }

    private static Set<String> union(Set<String> fields, String more) {
        Set<String> all = new HashSet<>(fields);
        all.add(more);
        return Set.copyOf(all);
    }
}
