package dev.sluice.application.port.in;

import java.util.Optional;

/** {@code POST /api/v1/widgets/deposit-sessions/{sessionId}/cancel-session}. */
public interface CancelDepositSession {
    /** @param originHost the host of the browser's {@code Origin}, absent for server calls */
    void cancel(Caller caller, String sessionId, Optional<String> originHost);
}
