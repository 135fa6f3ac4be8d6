package dev.sluice.application.contract;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Observation;
import dev.sluice.domain.session.ObservationKind;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.RecordedObservation.Outcome;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.RandomTokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

public abstract class ObservationsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");

    protected abstract StorePorts store();

    private DepositSession session() {
        return StoreFixtures.storedSession(store(), StoreFixtures.storedWidget(store(), newBusiness(), NOW), NOW).session();
    }

    private static RecordedObservation observation(DepositSession session, String id, Outcome outcome) {
        return new RecordedObservation(session.id(), new Observation(id, ObservationKind.CONFIRMED, "0xabc",
                new Amount("100.5000000000000000000000000001"), 12L, NOW.plusSeconds(3)), outcome, NOW.plusSeconds(4));
    }

    @Test
    public void storesAnObservationAndReadsItBack() {
        RecordedObservation recorded = observation(session(), RandomTokens.id("obs_"), Outcome.APPLIED);

        assertTrue(store().observations().add(recorded));

        assertEquals(recorded, store().observations().findById(recorded.observation().observationId()).orElseThrow());
    }

    @Test
    public void aFailedObservationWithoutTxIdOrAmountRoundTrips() {
        RecordedObservation recorded = new RecordedObservation(session().id(), new Observation(
                RandomTokens.id("obs_"), ObservationKind.FAILED, null, null, null, NOW), Outcome.REJECTED, NOW);

        store().observations().add(recorded);

        assertEquals(recorded, store().observations().findById(recorded.observation().observationId()).orElseThrow());
    }

    @Test
    public void aRepeatedIdIsRefusedAndTheFirstIsKept() {
        DepositSession session = session();
        String id = RandomTokens.id("obs_");
        RecordedObservation first = observation(session, id, Outcome.APPLIED);

        store().observations().add(first);

        assertFalse(store().observations().add(observation(session, id, Outcome.REJECTED)));
        assertEquals(first, store().observations().findById(id).orElseThrow());
    }

    @Test
    public void aRepeatedIdInsideAUnitOfWorkLeavesTheRestOfItToCommit() {
        DepositSession session = session();
        String id = RandomTokens.id("obs_");
        store().observations().add(observation(session, id, Outcome.APPLIED));

        store().unitOfWork().inTransaction(() -> {
            assertFalse(store().observations().add(observation(session, id, Outcome.REJECTED)));
            StoreFixtures.store(store(), session.cancel(NOW.plusSeconds(5)));
            return null;
        });

        assertEquals(PaymentStatus.EXPIRED, store().depositSessions().findById(session.id()).orElseThrow().status());
    }

    @Test
    public void unknownObservationIsAbsent() {
        assertTrue(store().observations().findById("obs_never_seen").isEmpty());
    }
}
