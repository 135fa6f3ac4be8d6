package dev.sluice.application.service;

import dev.sluice.domain.shared.Violations;
import java.util.Optional;
import java.util.function.Function;

/** The query rules shared by the list endpoints: a page size and a cursor. */
final class PageQuery {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private PageQuery() {
    }

    /** {@code limit} 1–100, 20 when absent; 0 when broken (a violation is then recorded). */
    static int limit(Violations violations, String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            violations.add("limit", "invalid_format", "must be a whole number from 1 to " + MAX_LIMIT);
            return 0;
        }
        if (limit < 1) {
            violations.add("limit", "below_minimum", "must be at least 1");
        } else if (limit > MAX_LIMIT) {
            violations.add("limit", "above_maximum", "must be at most " + MAX_LIMIT);
        }
        return limit;
    }

    /** A cursor id, parsed by {@code parse}; absent stays absent, a malformed one is a violation. */
    static <T> Optional<T> cursor(Violations violations, String field, String text, Function<String, Optional<T>> parse) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<T> id = parse.apply(text);
        if (id.isEmpty()) {
            violations.add(field, "invalid_format", "must be an id returned by an earlier page");
        }
        return id;
    }
}
