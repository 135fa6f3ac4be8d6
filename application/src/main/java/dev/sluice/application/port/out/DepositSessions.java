package dev.sluice.application.port.out;

import dev.sluice.application.port.in.Page;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface DepositSessions {
    Optional<DepositSession> findById(SessionId id);

    /**
     * Reads the session and locks it until the surrounding unit of work ends, so that
     * concurrent transitions of one session run one after the other.
     */
    Optional<DepositSession> findByIdForUpdate(SessionId id);

    void add(DepositSession session);

    /** Stores a changed session; fails with {@link ConcurrentChangeException} if it changed since it was read. */
    void update(DepositSession session);

    /** Newest first; {@code startingAfter} is the last id of the previous page. */
    Page<DepositSession> listByWidget(WidgetId widget, Optional<PaymentStatus> status, int limit,
            Optional<SessionId> startingAfter);

    /**
     * Locks up to {@code limit} CREATED sessions whose expiry has passed, skipping rows another
     * instance holds, until the surrounding unit of work ends.
     */
    List<DepositSession> claimDueForExpiry(Instant now, int limit);
}
