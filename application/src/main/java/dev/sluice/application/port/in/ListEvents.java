package dev.sluice.application.port.in;

import dev.sluice.domain.session.SessionEvent;

/** {@code GET /api/v1/businesses/{businessId}/events?after=&limit=} in commit order. */
public interface ListEvents {
    /** Raw query values ({@code null} when absent); bad ones are {@code validation_failed}. */
    Page<SessionEvent> list(Caller caller, String businessId, String after, String limit);
}
