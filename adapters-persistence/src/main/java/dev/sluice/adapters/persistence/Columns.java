package dev.sluice.adapters.persistence;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.UtcMillis;
import io.helidon.dbclient.DbRow;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between column values and Java values that every row mapper shares. Timestamps are
 * stored as DATETIME(3) holding UTC: written as zone-less text so that no driver shifts them by a
 * time zone, read back from whatever the driver returns for DATETIME.
 */
final class Columns {
    private Columns() {
    }

    /** The driver's value, or null for SQL NULL (a Helidon column's {@code get()} refuses NULL). */
    private static Object raw(DbRow row, String column) {
        return row.column(column).get(Object.class);
    }

    /**
     * A DATETIME(3) parameter, as text. Connector/J drops the milliseconds of a LocalDateTime or
     * Timestamp parameter on MariaDB, whose version banner ("5.5.5-10.x") it takes for a server
     * without fractional seconds; MySQL, MariaDB and H2 all read this text as the exact value.
     */
    static String utc(Instant instant) {
        return UtcMillis.datetime(instant);
    }

    static Instant instant(DbRow row, String column) {
        return switch (raw(row, column)) {
            case null -> null;
            // MySQL Connector/J
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            // H2
            case Timestamp timestamp -> timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
            case Object other -> throw new IllegalStateException(column + " is not a DATETIME but " + other.getClass());
        };
    }

    static String text(DbRow row, String column) {
        return (String) raw(row, column);
    }

    static long number(DbRow row, String column) {
        return ((Number) raw(row, column)).longValue();
    }

    static Long nullableNumber(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? null : ((Number) value).longValue();
    }

    static boolean flag(DbRow row, String column) {
        return switch (raw(row, column)) {
            case Boolean bool -> bool;
            // a MySQL BOOLEAN is a TINYINT(1)
            case Number number -> number.intValue() != 0;
            case Object other -> throw new IllegalStateException(column + " is not a BOOLEAN but " + other.getClass());
        };
    }

    static Amount amount(DbRow row, String column) {
        String text = text(row, column);
        return text == null ? null : new Amount(text);
    }

    /** The exact value stored beside an amount's text, for comparisons in SQL. */
    static Object value(Amount amount) {
        return amount == null ? null : amount.value();
    }

    static String text(Amount amount) {
        return amount == null ? null : amount.text();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, DbRow row, String column) {
        String text = text(row, column);
        return text == null ? null : Enum.valueOf(type, text);
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** The names of a comma-separated column list, in its order. */
    static List<String> names(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }

    /** Each of {@code names} with the value at its index: named parameters for a statement. */
    static Map<String, Object> byName(List<String> names, Object[] values) {
        Map<String, Object> byName = new HashMap<>(names.size() * 2);
        for (int i = 0; i < values.length; i++) {
            byName.put(names.get(i), values[i]);
        }
        return byName;
    }
}
