package dev.sluice.domain.widget;

import java.util.Objects;
import java.util.Set;

/**
 * A partial update: {@code present} names the fields the caller sent (by their API names);
 * for those, {@code values} holds the new value, {@code null} meaning "clear". Fields not
 * present keep their value. {@code enabled} is {@code null} when not sent.
 */
public record WidgetPatch(WidgetDraft values, Set<String> present, Boolean enabled) {
    public WidgetPatch {
        Objects.requireNonNull(values, "values");
        present = Set.copyOf(present);
    }

    public boolean has(WidgetField field) {
        return present.contains(field.apiName());
    }
}
