package dev.sluice.application.port.in;

import dev.sluice.domain.session.DepositSession;

/** {@code GET /api/v1/widgets/deposit-sessions/{sessionId}}; expires a due session on read. */
public interface GetDepositSession {
    SessionView get(Caller caller, String sessionId);

    /** {@code fullView} is true for the owning business, false for the session-secret holder. */
    record SessionView(DepositSession session, boolean fullView) {
    }
}
