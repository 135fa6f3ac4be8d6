package dev.sluice.application.contract;

import dev.sluice.application.port.out.CommittedEvents;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.EventFeed;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.Observations;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;

/**
 * The outbound ports of one store as one Sluice instance sees them: what a port contract test is
 * given, whatever implements the ports (the in-memory fakes, H2, MariaDB, a future adapter).
 */
public interface StorePorts {
    Widgets widgets();

    DepositSessions depositSessions();

    NewSessions newSessions();

    Observations observations();

    Outbox outbox();

    EventFeed eventFeed();

    CommittedEvents committedEvents();

    IdempotencyRecords idempotencyRecords();

    UnitOfWork unitOfWork();

    /** Runs what the store otherwise does in the background between requests (e.g. feed positions). */
    default void settle() {
    }
}
