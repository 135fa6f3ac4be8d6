package dev.sluice.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementTest {
    @Test
    void turnsNamedParametersIntoPositionalOnesInOrder() {
        Statement statement = Statement.compile("s", "UPDATE t SET a = :a, b = :b WHERE c < :a AND d = 'x'");

        assertEquals("UPDATE t SET a = ?, b = ? WHERE c < ? AND d = 'x'", statement.sql());
        assertEquals(Arrays.asList(1, null, 1), statement.values(Database.params("b", null, "a", 1)));
    }

    @Test
    void leavesColonsInQuotedLiteralsAndCastsAlone() {
        Statement statement = Statement.compile("s", "SELECT ':not' AS x, y::text FROM t WHERE z = :z");

        assertEquals("SELECT ':not' AS x, y::text FROM t WHERE z = ?", statement.sql());
        assertEquals(List.of("z"), statement.parameters());
    }

    @Test
    void aMissingParameterIsNamed() {
        Statement statement = Statement.compile("s", "SELECT 1 FROM t WHERE a = :a");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> statement.values(Map.of()));
        assertEquals("statement s needs parameter a", e.getMessage());
    }
}
