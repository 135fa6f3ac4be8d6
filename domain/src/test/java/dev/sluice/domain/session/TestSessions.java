package dev.sluice.domain.session;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDrafts;
import dev.sluice.domain.widget.WidgetField;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions for 100 USDC created at {@link #CREATED_AT}, expiring 30 minutes later, brought into
 * any state by the steps a customer and a chain watcher take (see {@link #run}).
 */
public final class TestSessions {
    public static final Instant CREATED_AT = Instant.parse("2026-06-09T12:00:00.000Z");
    public static final Duration TTL = Duration.ofMinutes(30);
    public static final Instant EXPIRES_AT = CREATED_AT.plus(TTL);
    public static final Widget WIDGET = WidgetDrafts.valid().widget(new BusinessId("biz_1"));

    private TestSessions() {
    }

    public static DepositSession created() {
        return created("0");
    }

    /** A session of a widget that confirms payments falling short by at most {@code tolerancePercent}. */
    public static DepositSession created(String tolerancePercent) {
        Widget widget = WidgetDrafts.valid().set(WidgetField.PAYMENT_TOLERANCE_PERCENT, tolerancePercent)
                .widget(new BusinessId("biz_1"));
        return DepositSession.create(SessionId.generate(), widget,
                SessionDrafts.valid().with(d -> d.amount = "100").build(), List.of(), CREATED_AT).session();
    }

    /** The session after {@link #run} of {@code steps}. */
    public static DepositSession after(String steps) {
        return run(created(), steps).session();
    }

    /** Where a script of steps led, with every event on the way. */
    public record Run(DepositSession session, List<SessionEvent> events, Instant now) {
    }

    /**
     * Runs steps separated by commas, one minute apart starting a minute after the creation:
     * {@code DETECTED 0xa}, {@code DETECTED 0xa 40} (amount seen), {@code CONFIRMED 0xa 100},
     * {@code FAILED 0xa}, {@code FAILED} (every detected payment), {@code CANCEL}, and
     * {@code EXPIRE} (the clock jumps to {@code expiresAt} and the sweep runs). Every step must
     * be accepted.
     */
    public static Run run(DepositSession session, String steps) {
        Instant now = CREATED_AT;
        List<SessionEvent> events = new ArrayList<>();
        for (String step : steps.isBlank() ? new String[0] : steps.split(",")) {
            String[] words = step.trim().split("\\s+");
            now = words[0].equals("EXPIRE") ? EXPIRES_AT.plus(Duration.between(CREATED_AT, now)) : now.plusSeconds(60);
            Change change = switch (words[0]) {
                case "CANCEL" -> session.cancel(now);
                case "EXPIRE" -> session.expireIfDue(now);
                default -> {
                    ObservationResult result = session.observe(observation(ObservationKind.valueOf(words[0]),
                            words.length > 1 ? words[1] : null, words.length > 2 ? words[2] : null, now), now);
                    assertFalse(result instanceof ObservationResult.Rejected, step + ": " + result);
                    yield result instanceof ObservationResult.Applied applied ? applied.change() : Change.none(session);
                }
            };
            session = change.session();
            events.addAll(change.events());
        }
        return new Run(session, events, now);
    }

    public static Observation observation(ObservationKind kind, String txId, String amountReceived, Instant observedAt) {
        return new Observation("obs_" + System.nanoTime(), kind, txId,
                amountReceived == null ? null : new Amount(amountReceived), 1L, observedAt);
    }
}
