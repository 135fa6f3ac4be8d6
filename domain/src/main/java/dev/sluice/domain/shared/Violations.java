package dev.sluice.domain.shared;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of a request so that the caller learns all of them at once. */
public final class Violations {
    private final List<Violation> found = new ArrayList<>();

    public void add(String field, String code, String message) {
        found.add(new Violation(field, code, message));
    }

    public Violations addAll(List<Violation> more) {
        found.addAll(more);
        return this;
    }

    /** A loop, not a stream: every create-session asks this eight times, mostly of an empty list. */
    public boolean hasField(String field) {
        for (Violation violation : found) {
            if (violation.field().equals(field)) {
                return true;
            }
        }
        return false;
    }

    /** True when a violation names {@code field} or one of its parts ({@code field/…}). */
    public boolean hasFieldOrPart(String field) {
        return found.stream().anyMatch(v -> v.field().equals(field) || v.field().startsWith(field + "/"));
    }

    public List<Violation> asList() {
        return List.copyOf(found);
    }

    /** Throws {@code validation_failed} carrying every violation collected so far. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw DomainException.validationFailed(asList());
        }
    }
}
