package dev.sluice.domain.shared;

import java.util.Objects;

/** One broken rule of one input field, reported to the caller as {@code {field, code, message}}. */
public record Violation(String field, String code, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
