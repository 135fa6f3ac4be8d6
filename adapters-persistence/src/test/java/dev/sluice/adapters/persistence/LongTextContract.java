package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Fixtures.newBusiness;
import static dev.sluice.adapters.persistence.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationKind;
import dev.sluice.domain.session.ObservationResult;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetRules;
import dev.sluice.domain.widget.WidgetSettings;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Text lengths are code points on every database (api.md): a value at its longest, in characters
 * outside the Basic Multilingual Plane (two UTF-16 units, four UTF-8 bytes each), is stored and
 * read back unchanged in every text column. H2 counts a column's length in UTF-16 units, so a
 * column exactly as wide as the rule refused 128 emoji the rules had accepted (a 500).
 */
abstract class LongTextContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");
    private static final String WIDE = "😀";

    abstract PersistenceModule db();

    private static String wide(int codePoints) {
        return WIDE.repeat(codePoints);
    }

    /** Observation ids are unique across the test database, which every run shares. */
    private static String unique(int codePoints) {
        String id = RandomTokens.id("obs_");
        return id + wide(codePoints - id.length());
    }

    private static List<String> wideList(int entries, int codePoints) {
        return IntStream.range(0, entries).mapToObj(i -> i + wide(codePoints - String.valueOf(i).length())).toList();
    }

    private static String url(int codePoints) {
        String prefix = "https://shop.example.com/";
        return prefix + wide(codePoints - prefix.length());
    }

    @Test
    void aWidgetWithEveryTextAtItsLongestRoundTrips() {
        WidgetSettings longest = WidgetRules.create(WidgetDraft.builder()
                .set(WidgetField.NAME, wide(128))
                .set(WidgetField.MODE, "CUSTOMER_AMOUNT")
                .set(WidgetField.ALLOWED_NETWORKS, wideList(100, 66))
                .set(WidgetField.ALLOWED_DEPOSIT_ADDRESSES, wideList(100, 128))
                .set(WidgetField.ALLOWED_METHODS, wideList(3, 64))
                .set(WidgetField.SUCCESS_URL, url(2048))
                .set(WidgetField.CANCEL_URL, url(2048))
                .set(WidgetField.ICON_URL, url(2048))
                .set(WidgetField.DEFAULT_CURRENCY_ADDRESS, wide(66))
                .set(WidgetField.DEFAULT_NETWORK, wide(32))
                .set(WidgetField.DEFAULT_DEPOSIT_ADDRESS, wide(128))
                .set(WidgetField.EMOJI, wide(8))
                .build(), List.of());
        Widget widget = Widget.create(newBusiness(), longest, NOW).widget();

        db().widgets().add(widget);

        assertEquals(longest, db().widgets().findById(widget.id()).orElseThrow().settings());
    }

    @Test
    void aSessionItsEventsAndItsObservationsWithTextAtItsLongestRoundTrip() {
        Widget widget = Fixtures.storedWidget(db(), newBusiness(), NOW);
        SessionDraft draft = new SessionDraft("100.50", "USDC", "polygon", "0x2791", wide(128), null, wide(128), null);
        Change created = DepositSession.create(SessionId.generate(), widget, draft, List.of(), NOW);
        db().unitOfWork().inTransaction(() -> {
            db().depositSessions().add(created.session());
            db().outbox().append(created.events());
            return null;
        });
        String observationId = unique(128);
        Observation seen = new Observation(observationId, ObservationKind.CONFIRMED, wide(128), new Amount("100.50"), 3L,
                NOW.plusSeconds(5));
        DepositSession stored = db().depositSessions().findById(created.session().id()).orElseThrow();
        Change paid = ((ObservationResult.Applied) stored.observe(seen, NOW.plusSeconds(5))).change();
        RecordedObservation recorded = new RecordedObservation(stored.id(), seen, RecordedObservation.Outcome.APPLIED,
                NOW.plusSeconds(5));

        db().unitOfWork().inTransaction(() -> {
            assertTrue(db().observations().add(recorded));
            db().depositSessions().update(paid.session());
            db().outbox().append(paid.events());
            return null;
        });

        assertEquals(state(paid.session()), state(db().depositSessions().findById(stored.id()).orElseThrow()));
        assertEquals(recorded, db().observations().findById(observationId).orElseThrow());
    }
}
