package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.flag;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.number;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.SecretHash;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetId;
import dev.sluice.domain.widget.WidgetSettings;
import io.helidon.dbclient.DbRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code widgets} row of a widget, both ways. Each {@link WidgetField} has the column of its
 * API name in snake case ({@code allowedDomains} → {@code allowed_domains}); lists are stored as
 * JSON arrays, and an amount also as a number in {@code <column>_value}.
 */
final class WidgetRow {
    private static final Pattern WORD_START = Pattern.compile("(?=[A-Z])");

    /** The columns a change may rewrite; the others are fixed at creation. */
    static final String MUTABLE_COLUMNS = String.join(", ", settingsColumns())
            + ", enabled, secret_hash, updated_at, deleted_at";
    static final String COLUMNS = "widget_id, business_id, created_at, version, " + MUTABLE_COLUMNS;

    private WidgetRow() {
    }

    static Map<String, Object> params(Widget widget) {
        Map<String, Object> params = Database.params(
                "widget_id", widget.id().value(),
                "business_id", widget.businessId().value(),
                "created_at", utc(widget.createdAt()),
                "version", widget.version(),
                "enabled", widget.enabled(),
                "secret_hash", widget.secretHash().hex(),
                "updated_at", utc(widget.updatedAt()),
                "deleted_at", utc(widget.deletedAt()));
        for (WidgetField field : WidgetField.values()) {
            Object value = field.valueIn(widget.settings());
            switch (field.kind()) {
                case TEXT, JSON, FLAG -> params.put(column(field), value);
                case TEXTS -> params.put(column(field), JsonLists.write(strings(value)));
                case AMOUNT -> {
                    params.put(column(field), value);
                    params.put(column(field) + "_value", Columns.value(value == null ? null : new Amount((String) value)));
                }
            }
        }
        return params;
    }

    static Widget read(DbRow row) {
        WidgetDraft.Builder stored = WidgetDraft.builder();
        for (WidgetField field : WidgetField.values()) {
            stored.set(field, switch (field.kind()) {
                case TEXT, AMOUNT, JSON -> text(row, column(field));
                case TEXTS -> JsonLists.read(text(row, column(field)));
                case FLAG -> flag(row, column(field));
            });
        }
        return Widget.restore(
                new WidgetId(text(row, "widget_id")),
                new BusinessId(text(row, "business_id")),
                WidgetSettings.from(stored.build()),
                flag(row, "enabled"),
                new SecretHash(text(row, "secret_hash")),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                instant(row, "deleted_at"),
                number(row, "version"));
    }

    static String column(WidgetField field) {
        return String.join("_", WORD_START.split(field.apiName())).toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> settingsColumns() {
        List<String> columns = new ArrayList<>();
        for (WidgetField field : WidgetField.values()) {
            columns.add(column(field));
            if (field.kind() == WidgetField.Kind.AMOUNT) {
                columns.add(column(field) + "_value");
            }
        }
        return columns;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }
}
