package dev.sluice.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "100.50", "0.000000000000000000000000000001", "12345678901234567890123456789012"})
    void well_formed_amounts_keep_their_text(String text) {
        assertEquals(text, new Amount(text).text());
        assertEquals(text, new Amount(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00.5", ".5", "5.", "1e3", "-1", "+1", "1 ", "1,0", "0x10", "123456789012345678901234567890123"})
    void anything_else_is_not_an_amount(String text) {
        assertThrows(IllegalArgumentException.class, () -> new Amount(text));
    }

    @Test
    void amounts_compare_by_value_not_by_text() {
        assertTrue(new Amount("100").numericallyEquals(new Amount("100.000")));
        assertTrue(new Amount("99." + "9".repeat(29)).compareTo(new Amount("100")) < 0);
        assertTrue(new Amount("100." + "0".repeat(27) + "1").compareTo(new Amount("100")) > 0);
        assertEquals(new BigDecimal("100.50"), new Amount("100.50").value());
    }

    @Test
    void zero_is_well_formed_but_not_positive() {
        assertEquals(false, new Amount("0.00").isPositive());
        assertEquals(true, new Amount("0.01").isPositive());
    }
}
