package dev.sluice.application.port.in;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.RecordedObservation;
import dev.sluice.domain.shared.Violation;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/deposit-sessions/{sessionId}/observations} and the
 * {@code deposit-observations} topic. A repeated observation id is a no-op; one its payment
 * cannot take is stored and then refused with {@code invalid_transition}.
 */
public interface RecordObservation {
    Observed record(Caller caller, String sessionId, ObservationDraft draft, List<Violation> inputViolations);

    /** The session after the observation; {@code outcome} empty for a repeated id. */
    record Observed(DepositSession session, Optional<RecordedObservation.Outcome> outcome) {
    }
}
