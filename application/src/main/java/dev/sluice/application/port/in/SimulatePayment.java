package dev.sluice.application.port.in;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.shared.Violation;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/widgets/deposit-sessions/{sessionId}/simulate-payment}: pays a test
 * session without a chain; {@code not_test_mode} on a session of a live widget.
 */
public interface SimulatePayment {
    /**
     * The session after a new {@code test_…} transaction with {@code outcome} (CONFIRMED, DETECTED or FAILED).
     *
     * @param originHost the host of the browser's {@code Origin}, absent for server calls
     */
    DepositSession simulate(Caller caller, String sessionId, Optional<String> originHost, String outcome,
            String amount, List<Violation> inputViolations);
}
