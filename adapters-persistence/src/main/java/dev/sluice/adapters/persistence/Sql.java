package dev.sluice.adapters.persistence;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds the repetitive parts of statements from one column list, so that a column is named once. */
final class Sql {
    private Sql() {
    }

    /** {@code a, b} → {@code :a, :b} */
    static String placeholders(String columns) {
        return names(columns).map(name -> ":" + name).collect(Collectors.joining(", "));
    }

    /** {@code a, b} → {@code a = :a, b = :b} */
    static String assignments(String columns) {
        return names(columns).map(name -> name + " = :" + name).collect(Collectors.joining(", "));
    }

    static String insert(String table, String columns) {
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders(columns) + ")";
    }

    private static Stream<String> names(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip);
    }
}
