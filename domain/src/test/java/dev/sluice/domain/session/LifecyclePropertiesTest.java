package dev.sluice.domain.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Whatever the chain watcher and the customer do, a session stays in a legal state with gap-free events. */
class LifecyclePropertiesTest {

    sealed interface Step {
    }

    record Observe(Observation observation, Instant now) implements Step {
    }

    record Cancel(Instant now) implements Step {
    }

    record Sweep(Instant now) implements Step {
    }

    @Property(tries = 300)
    void any_sequence_of_observations_leaves_a_legal_state_and_gap_free_events(@ForAll("steps") List<Step> steps) {
        DepositSession session = TestSessions.created();
        List<SessionEvent> events = new ArrayList<>();
        for (Step step : steps) {
            DepositSession before = session;
            Change change = apply(before, step);
            session = change.session();
            PaymentStatus previous = before.status();
            for (SessionEvent event : change.events()) {
                assertEquals(session.id(), event.session().id());
                assertEquals(previous, event.previousStatus());
                assertTrue(isAllowedMove(previous, event.status()), previous + " -> " + event.status());
                previous = event.status();
                events.add(event);
            }
            assertEquals(previous, session.status());
            if (before.status().isTerminal()) {
                assertEquals(before.status(), session.status(), "a terminal status never changes");
            }
            if (before.txId() != null) {
                assertEquals(before.txId(), session.txId(), "a known txId never changes");
            }
            if (before.latePayment()) {
                assertTrue(session.latePayment(), "a late payment stays late");
            }
        }
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 2, events.get(i).sequence(), "sequence after the creation event");
        }
        assertEquals(events.size() + 1, session.lastSequence());
        if (session.status() == PaymentStatus.CREATED) {
            assertTrue(events.isEmpty(), "nothing leads back to CREATED");
        }
        if (session.status() == PaymentStatus.PENDING || session.confirmedAt() != null) {
            assertNotNull(session.txId(), "money is always tied to its transaction");
        }
        if (session.confirmedAt() != null) {
            int comparison = Integer.signum(session.amountReceived().compareTo(session.terms().amount()));
            assertEquals(switch (comparison) {
                case 0 -> PaymentStatus.CONFIRMED;
                case -1 -> PaymentStatus.UNDERPAID;
                default -> PaymentStatus.OVERPAID;
            }, session.status());
        }
    }

    private static Change apply(DepositSession session, Step step) {
        return switch (step) {
            case Observe observe -> switch (session.observe(observe.observation(), observe.now())) {
                case ObservationResult.Applied applied -> {
                    assertFalse(applied.change().events().isEmpty());
                    yield applied.change();
                }
                case ObservationResult.Unchanged unchanged -> new Change(session, List.of());
                case ObservationResult.Rejected rejected -> new Change(session, List.of());
            };
            case Cancel cancel -> {
                try {
                    yield session.cancel(cancel.now());
                } catch (DomainException e) {
                    assertEquals(ErrorCode.CANNOT_CANCEL, e.code());
                    yield new Change(session, List.of());
                }
            }
            case Sweep sweep -> {
                Change change = session.expireIfDue(sweep.now());
                if (change.events().isEmpty()) {
                    assertSame(session, change.session());
                }
                yield change;
            }
        };
    }

    private static boolean isAllowedMove(PaymentStatus from, PaymentStatus to) {
        return Lifecycle.TABLE.stream().anyMatch(t -> t.from() == from && t.to() == to);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Instant> times = Arbitraries.integers().between(0, 90)
                .map(minutes -> TestSessions.CREATED_AT.plusSeconds(60L * minutes));
        Arbitrary<String> txIds = Arbitraries.of("0xa", "0xb");
        Arbitrary<String> amounts = Arbitraries.of("0", "50", "100", "100.000", "150");
        Arbitrary<Step> observe = Combinators.combine(Arbitraries.of(ObservationKind.class), txIds,
                        txIds.injectNull(0.5), amounts, times, times)
                .as((kind, txId, failedTxId, amount, seen, now) -> new Observe(new Observation("obs", kind,
                        kind == ObservationKind.FAILED ? failedTxId : txId,
                        kind == ObservationKind.CONFIRMED ? new Amount(amount) : null, 1L, seen), now));
        Arbitrary<Step> cancel = times.map(Cancel::new);
        Arbitrary<Step> sweep = times.map(Sweep::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, observe),
                        Tuple.of(1, cancel),
                        Tuple.of(1, sweep))
                .list().ofMaxSize(12);
    }
}
