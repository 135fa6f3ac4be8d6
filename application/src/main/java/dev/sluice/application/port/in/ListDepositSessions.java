package dev.sluice.application.port.in;

import dev.sluice.domain.session.DepositSession;

/** {@code GET /api/v1/widgets/{widgetId}/deposit-sessions} (JWT): newest first. */
public interface ListDepositSessions {
    /** Raw query values ({@code null} when absent); bad ones are {@code validation_failed}. */
    Page<DepositSession> list(Caller caller, String widgetId, String status, String limit, String startingAfter);
}
