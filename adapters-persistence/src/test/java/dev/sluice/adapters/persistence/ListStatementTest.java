package dev.sluice.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListStatementTest {
    @Test
    void padsAListToAPowerOfTwoWithItsLastElement() {
        assertEquals(List.of(List.of("a")), ListStatement.chunks(List.of("a")));
        assertEquals(List.of(List.of("a", "b", "c", "c")), ListStatement.chunks(List.of("a", "b", "c")));
        assertEquals(List.of(), ListStatement.chunks(List.of()));
    }

    @Test
    void splitsALongListInOrderIntoChunksOfAtMostTheMaximum() {
        List<Integer> items = IntStream.range(0, ListStatement.MAX + 3).boxed().toList();

        List<List<Integer>> chunks = ListStatement.chunks(items);

        assertEquals(items.subList(0, ListStatement.MAX), chunks.get(0));
        int last = ListStatement.MAX + 2;
        assertEquals(List.of(last - 2, last - 1, last, last), chunks.get(1));
    }

    @Test
    void buildsOneTextPerLength() {
        ListStatement statement = new ListStatement("s", n -> "DELETE FROM t WHERE id IN (" + ListStatement.parameters(n) + ")");

        assertEquals("DELETE FROM t WHERE id IN (?, ?, ?, ?)", statement.sql(4));
    }
}
