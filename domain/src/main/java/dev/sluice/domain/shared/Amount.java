package dev.sluice.domain.shared;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A decimal amount of money as the caller wrote it. The text is kept for echoing back exactly;
 * comparisons are numeric, so {@code 100} equals {@code 100.00}.
 */
public record Amount(String text) implements Comparable<Amount> {
    public static final int MAX_LENGTH = 32;

    public Amount {
        Objects.requireNonNull(text, "text");
        if (!isWellFormed(text)) {
            throw new IllegalArgumentException("not a decimal amount: " + text);
        }
    }

    /** True when {@code text} follows the amount grammar within 1–32 chars (zero included). */
    public static boolean isWellFormed(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_LENGTH && Grammars.isDecimal(text);
    }

    public BigDecimal value() {
        return new BigDecimal(text);
    }

    public boolean isPositive() {
        return value().signum() > 0;
    }

    @Override
    public int compareTo(Amount other) {
        return value().compareTo(other.value());
    }

    public boolean numericallyEquals(Amount other) {
        return compareTo(other) == 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
