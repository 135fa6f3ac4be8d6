package dev.sluice.domain.widget;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Widget settings as the caller sent them, before any rule was applied: enums and amounts are
 * still text, and a field the caller left out (or sent as {@code null}) is {@code null}. Built
 * field by field, by name: {@code WidgetDraft.builder().set(NAME, "Shop").set(MODE, "FIXED_AMOUNT").build()}.
 */
public final class WidgetDraft {
    private final Map<WidgetField, Object> values;

    private WidgetDraft(Map<WidgetField, Object> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every field of {@code settings} in its wire form: what a caller would send to get them again. */
    public static WidgetDraft of(WidgetSettings settings) {
        Builder builder = builder();
        for (WidgetField field : WidgetField.values()) {
            builder.set(field, field.valueIn(settings));
        }
        return builder.build();
    }

    /** The draft with {@code field} set to {@code value}. */
    public WidgetDraft with(WidgetField field, Object value) {
        Builder builder = builder();
        builder.values.putAll(values);
        return builder.set(field, value).build();
    }

    /** The value of a TEXT, AMOUNT or JSON field, {@code null} when absent. */
    public String text(WidgetField field) {
        return (String) values.get(field);
    }

    /** The value of a TEXTS field, {@code null} when absent; elements may be {@code null}. */
    @SuppressWarnings("unchecked")
    public List<String> texts(WidgetField field) {
        return (List<String>) values.get(field);
    }

    /** The value of a FLAG field, {@code null} when absent. */
    public Boolean flag(WidgetField field) {
        return (Boolean) values.get(field);
    }

    /** The value in its wire form, {@code null} when absent. */
    public Object value(WidgetField field) {
        return values.get(field);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WidgetDraft draft && values.equals(draft.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "WidgetDraft" + values;
    }

    public static final class Builder {
        private final Map<WidgetField, Object> values = new EnumMap<>(WidgetField.class);

        private Builder() {
        }

        /** Sets a field; the value's type must be the one its {@link WidgetField.Kind} travels as. */
        public Builder set(WidgetField field, Object value) {
            Objects.requireNonNull(field, "field");
            if (!field.kind().accepts(value)) {
                throw new IllegalArgumentException(field.apiName() + " takes a " + field.kind() + ", not " + value);
            }
            if (value == null) {
                values.remove(field);
            } else {
                values.put(field, value instanceof List<?> list
                        ? Collections.unmodifiableList(new ArrayList<>(list)) : value);
            }
            return this;
        }

        public WidgetDraft build() {
            return new WidgetDraft(new EnumMap<>(values));
        }
    }
}
