package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Fixtures.newBusiness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationKind;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.session.RecordedObservation.Outcome;
import dev.sluice.domain.shared.RandomTokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

abstract class ObservationsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    abstract PersistenceModule db();

    private DepositSession session() {
        return Fixtures.storedSession(db(), Fixtures.storedWidget(db(), newBusiness(), NOW), NOW).session();
    }

    private static RecordedObservation observation(DepositSession session, String id, Outcome outcome) {
        return new RecordedObservation(session.id(), new Observation(id, ObservationKind.CONFIRMED, "0xabc",
                new Amount("100.5000000000000000000000000001"), 12L, NOW.plusSeconds(3)), outcome, NOW.plusSeconds(4));
    }

    @Test
    void storesAnObservationAndReadsItBack() {
        RecordedObservation recorded = observation(session(), RandomTokens.id("obs_"), Outcome.APPLIED);

        assertTrue(db().observations().add(recorded));

        assertEquals(recorded, db().observations().findById(recorded.observation().observationId()).orElseThrow());
    }

    @Test
    void aFailedObservationWithoutTxIdOrAmountRoundTrips() {
        RecordedObservation recorded = new RecordedObservation(session().id(), new Observation(
                RandomTokens.id("obs_"), ObservationKind.FAILED, null, null, null, NOW), Outcome.REJECTED, NOW);

        db().observations().add(recorded);

        assertEquals(recorded, db().observations().findById(recorded.observation().observationId()).orElseThrow());
    }

    @Test
    void aRepeatedIdIsRefusedAndTheFirstIsKept() {
        DepositSession session = session();
        String id = RandomTokens.id("obs_");
        RecordedObservation first = observation(session, id, Outcome.APPLIED);

        db().observations().add(first);

        assertFalse(db().observations().add(observation(session, id, Outcome.REJECTED)));
        assertEquals(first, db().observations().findById(id).orElseThrow());
    }

    @Test
    void aRepeatedIdInsideAUnitOfWorkLeavesTheRestOfItToCommit() {
        DepositSession session = session();
        String id = RandomTokens.id("obs_");
        db().observations().add(observation(session, id, Outcome.APPLIED));

        db().unitOfWork().inTransaction(() -> {
            assertFalse(db().observations().add(observation(session, id, Outcome.REJECTED)));
            Fixtures.store(db(), session.cancel(NOW.plusSeconds(5)));
            return null;
        });

        assertEquals(PaymentStatus.EXPIRED, db().depositSessions().findById(session.id()).orElseThrow().status());
    }

    @Test
    void unknownObservationIsAbsent() {
        assertTrue(db().observations().findById("obs_never_seen").isEmpty());
    }
}
