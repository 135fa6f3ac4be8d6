package dev.sluice.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTest {
    /**
     * The api.md diagram, written out independently of {@link Lifecycle#TABLE}: one row per status,
     * one column per trigger, {@code -} where the move is forbidden.
     */
    private static final List<Trigger> COLUMNS = List.of(Trigger.DETECT, Trigger.CONFIRM_EXACT,
            Trigger.CONFIRM_SHORT, Trigger.CONFIRM_OVER, Trigger.FAIL, Trigger.EXPIRE, Trigger.CANCEL);
    private static final String DIAGRAM = """
            CREATED   PENDING  CONFIRMED  UNDERPAID  OVERPAID  -       EXPIRED  EXPIRED
            PENDING   -        CONFIRMED  UNDERPAID  OVERPAID  FAILED  -        EXPIRED
            CONFIRMED -        -          -          -         -       -        -
            UNDERPAID -        -          -          -         -       -        -
            OVERPAID  -        -          -          -         -       -        -
            FAILED    -        -          -          -         -       -        -
            EXPIRED   PENDING  CONFIRMED  UNDERPAID  OVERPAID  -       -        -
            """;

    static Stream<Arguments> everyStatusAndTrigger() {
        return DIAGRAM.lines().flatMap(line -> {
            String[] cells = line.trim().split("\\s+");
            PaymentStatus from = PaymentStatus.valueOf(cells[0]);
            return COLUMNS.stream().map(trigger -> {
                String cell = cells[1 + COLUMNS.indexOf(trigger)];
                return Arguments.of(from, trigger, cell.equals("-") ? null : PaymentStatus.valueOf(cell));
            });
        });
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("everyStatusAndTrigger")
    void every_status_and_trigger_pair_follows_the_diagram(PaymentStatus from, Trigger trigger, PaymentStatus to) {
        assertEquals(Optional.ofNullable(to), Lifecycle.next(from, trigger));
    }

    static Stream<Lifecycle.Transition> table() {
        return Lifecycle.TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void every_row_of_the_table_is_a_move_of_the_diagram(Lifecycle.Transition transition) {
        Arguments expected = everyStatusAndTrigger()
                .filter(a -> a.get()[0] == transition.from() && a.get()[1] == transition.trigger())
                .findFirst().orElseThrow();
        assertEquals(expected.get()[2], transition.to());
    }

    @Test
    void the_diagram_covers_every_status_and_the_table_lists_every_allowed_move() {
        assertEquals(Arrays.asList(PaymentStatus.values()),
                DIAGRAM.lines().map(l -> PaymentStatus.valueOf(l.trim().split("\\s+")[0])).toList());
        assertEquals(everyStatusAndTrigger().filter(a -> a.get()[2] != null).count(), Lifecycle.TABLE.size());
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"CONFIRMED", "UNDERPAID", "OVERPAID", "FAILED"})
    void terminal_statuses_have_no_way_out(PaymentStatus terminal) {
        assertTrue(terminal.isTerminal());
        for (Trigger trigger : Trigger.values()) {
            assertEquals(Optional.empty(), Lifecycle.next(terminal, trigger), trigger.name());
        }
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"CREATED", "PENDING", "EXPIRED"})
    void open_statuses_are_not_terminal(PaymentStatus open) {
        assertEquals(false, open.isTerminal());
    }

    @Test
    void each_status_announces_itself_with_its_event_type() {
        assertEquals(List.of("deposit.created", "deposit.pending", "deposit.confirmed", "deposit.underpaid",
                        "deposit.overpaid", "deposit.failed", "deposit.expired"),
                Arrays.stream(PaymentStatus.values()).map(PaymentStatus::eventType).toList());
    }
}
