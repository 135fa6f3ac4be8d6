package dev.sluice.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.domain.shared.Amount;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of api.md's status table, each where it is the first that holds and where an earlier one wins. */
class LifecycleTest {
    private static final Instant T0 = Instant.parse("2026-06-09T12:00:00.000Z");

    /**
     * rule | tolerance % | payments | cancelled at minute | expired | status. The amount asked is
     * 100. A payment is STATUS[amount]@minute first seen: D (detected), C (confirmed), F (failed);
     * {@code _} means none.
     */
    private static final String CASES = """
            1 | 0   | C150@1               | _ | no  | OVERPAID
            1 | 0   | C60@1 C60@2          | _ | no  | OVERPAID
            1 | 10  | C100.01@1 D@2        | 5 | yes | OVERPAID
            2 | 0   | C100@1               | _ | no  | CONFIRMED
            2 | 0   | C100.000@1           | _ | no  | CONFIRMED
            2 | 0   | C40@1 C60@2          | _ | no  | CONFIRMED
            2 | 0   | C100@1 D@2           | _ | yes | CONFIRMED
            2 | 1   | C99@1                | _ | no  | CONFIRMED
            2 | 1   | C99.5@1 F@2          | 3 | yes | CONFIRMED
            2 | 0.5 | C99.5@1              | _ | no  | CONFIRMED
            3 | 0.5 | C99.49@1 D@2         | _ | no  | PENDING
            3 | 0   | D@1                  | _ | no  | PENDING
            3 | 0   | D40@1                | _ | yes | PENDING
            3 | 0   | F@1 D@2              | _ | no  | PENDING
            3 | 0   | C50@1 D@2            | _ | no  | PENDING
            3 | 0   | D@1 D@6              | 5 | yes | PENDING
            4 | 0   | C99.99@1             | _ | no  | UNDERPAID
            4 | 0   | C0.01@1 F@2          | _ | yes | UNDERPAID
            4 | 0   | C50@1 D@2            | 3 | no  | UNDERPAID
            4 | 0   | C0@1 C1@2            | _ | no  | UNDERPAID
            5 | 0   | F@1                  | _ | no  | FAILED
            5 | 0   | F@1 F@2              | 3 | yes | FAILED
            6 | 0   | C0@1 F@2             | _ | yes | EXPIRED
            6 | 0   | _                    | 3 | no  | EXPIRED
            6 | 0   | _                    | _ | yes | EXPIRED
            6 | 0   | D@1                  | 3 | no  | EXPIRED
            6 | 0   | D@3                  | 3 | no  | EXPIRED
            6 | 0   | C0@1                 | _ | yes | EXPIRED
            7 | 0   | _                    | _ | no  | CREATED
            7 | 0   | C0@1                 | _ | no  | CREATED
            """;

    static Stream<Arguments> cases() {
        return CASES.lines().map(line -> Arguments.of((Object[]) Arrays.stream(line.split("\\|")).map(String::trim)
                .toArray(String[]::new)));
    }

    @ParameterizedTest(name = "rule {0}: tolerance {1}, payments {2}, cancelled {3}, expired {4} -> {5}")
    @MethodSource("cases")
    void the_status_is_that_of_the_first_rule_that_holds(String rule, String tolerance, String payments,
            String cancelledAt, String expired, String status) {
        Lifecycle.Facts facts = new Lifecycle.Facts(new BigDecimal("100"), new BigDecimal(tolerance),
                payments(payments), cancelledAt.equals("_") ? null : minute(Integer.parseInt(cancelledAt)),
                expired.equals("yes"));

        assertEquals(PaymentStatus.valueOf(status), Lifecycle.statusOf(facts));
    }

    @Test
    void the_table_has_the_seven_rules_of_api_md_in_their_order() {
        assertEquals(List.of(PaymentStatus.OVERPAID, PaymentStatus.CONFIRMED, PaymentStatus.PENDING,
                        PaymentStatus.UNDERPAID, PaymentStatus.FAILED, PaymentStatus.EXPIRED, PaymentStatus.CREATED),
                Lifecycle.RULES.stream().map(Lifecycle.Rule::status).toList());
    }

    @Test
    void the_total_is_the_exact_sum_of_the_confirmed_payments() {
        Lifecycle.Facts facts = new Lifecycle.Facts(new BigDecimal("100"), BigDecimal.ZERO,
                payments("C0.1@1 C0.2@2 D5@3 F7@4"), null, false);
        assertEquals(0, new BigDecimal("0.3").compareTo(facts.total()));
    }

    @Test
    void each_status_announces_itself_with_its_event_type() {
        assertEquals("deposit.created", PaymentStatus.CREATED.eventType());
        assertEquals("deposit.underpaid", PaymentStatus.UNDERPAID.eventType());
    }

    private static List<Payment> payments(String cell) {
        if (cell.equals("_")) {
            return List.of();
        }
        return Arrays.stream(cell.split("\\s+")).map(token -> {
            String[] at = token.split("@");
            Instant seen = minute(Integer.parseInt(at[1]));
            String amount = at[0].substring(1);
            Amount value = amount.isEmpty() ? null : new Amount(amount);
            return switch (at[0].charAt(0)) {
                case 'D' -> new Payment("0x" + token, value, 0, Payment.Status.DETECTED, seen, null);
                case 'C' -> new Payment("0x" + token, value, 12, Payment.Status.CONFIRMED, seen, seen);
                case 'F' -> new Payment("0x" + token, value, 0, Payment.Status.FAILED, seen, null);
                default -> throw new IllegalArgumentException(token);
            };
        }).toList();
    }

    private static Instant minute(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
