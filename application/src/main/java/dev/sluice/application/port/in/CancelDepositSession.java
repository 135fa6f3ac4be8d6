package dev.sluice.application.port.in;

/** {@code POST /api/v1/widgets/deposit-sessions/{sessionId}/cancel-session}. */
public interface CancelDepositSession {
    void cancel(Caller caller, String sessionId);
}
