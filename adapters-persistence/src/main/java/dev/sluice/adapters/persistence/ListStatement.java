package dev.sluice.adapters.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * One statement for a whole list of rows ({@code … WHERE event_id IN (?, ?, …)}) instead of one
 * per row, so that a relay pass or a feed pass costs a few round trips, not a few per event.
 *
 * <p>The text depends on the list's length. Lengths are rounded up to a power of two, the list
 * padded with its last element (which changes nothing in an {@code IN} list, nor in a
 * {@code CASE} whose first matching branch wins), so the driver caches a handful of texts, not
 * one per length. Lists longer than {@link #MAX} go in chunks: MariaDB turns an {@code IN} list
 * of 1000 values or more into a join ({@code in_predicate_conversion_threshold}), which would no
 * longer be a primary-key range.
 */
final class ListStatement {
    static final int MAX = 512;

    private final String name;
    private final IntFunction<String> sqlForLength;
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();

    /** {@code sqlForLength}: the text, with {@code ?} parameters, for a list of the given length. */
    ListStatement(String name, IntFunction<String> sqlForLength) {
        this.name = name;
        this.sqlForLength = sqlForLength;
    }

    String name() {
        return name;
    }

    /** The text for a chunk from {@link #chunks}. */
    String sql(int length) {
        return texts.computeIfAbsent(length, sqlForLength::apply);
    }

    /**
     * {@code items} in chunks of at most {@link #MAX}, in their order, each padded to a power of
     * two with its last element; none when {@code items} is empty.
     */
    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX) {
            List<T> chunk = new ArrayList<>(items.subList(from, Math.min(items.size(), from + MAX)));
            T last = chunk.getLast();
            while (Integer.bitCount(chunk.size()) != 1) {
                chunk.add(last);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /** {@code ?, ?, ?} for {@code count} parameters. */
    static String parameters(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
