package dev.sluice.application.port.in;

import dev.sluice.domain.session.DepositSession;
import java.util.Optional;

/** {@code GET /api/v1/widgets/deposit-sessions/{sessionId}}; expires a due session on read. */
public interface GetDepositSession {
    /** @param originHost the host of the browser's {@code Origin}, absent for server calls */
    SessionView get(Caller caller, String sessionId, Optional<String> originHost);

    /** {@code fullView} is true for the owning business, false for the session-secret holder. */
    record SessionView(DepositSession session, boolean fullView) {
    }
}
