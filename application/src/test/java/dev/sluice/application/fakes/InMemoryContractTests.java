package dev.sluice.application.fakes;

import dev.sluice.application.contract.DepositSessionsContract;
import dev.sluice.application.contract.EventFeedContract;
import dev.sluice.application.contract.IdempotencyRecordsContract;
import dev.sluice.application.contract.NewSessionsContract;
import dev.sluice.application.contract.ObservationsContract;
import dev.sluice.application.contract.OutboxContract;
import dev.sluice.application.contract.StorePorts;
import dev.sluice.application.contract.UnitOfWorkContract;
import dev.sluice.application.contract.WidgetsContract;
import org.junit.jupiter.api.Nested;

/** The in-memory ports held to the same contracts as the database adapters. */
class InMemoryContractTests {
    private static final TestClock CLOCK = TestClock.running();
    private static final InMemoryPorts PORTS = InMemoryPorts.lenient(CLOCK);

    @Nested
    class Widgets extends WidgetsContract {
        @Override
        protected StorePorts store() {
            return PORTS;
        }

        @Override
        protected StorePorts otherInstance() {
            return PORTS.otherInstance();
        }
    }

    @Nested
    class DepositSessions extends DepositSessionsContract {
        @Override
        protected StorePorts store() {
            return PORTS;
        }
    }

    @Nested
    class NewSessions extends NewSessionsContract {
        @Override
        protected StorePorts store() {
            return PORTS;
        }
    }

    @Nested
    class Observations extends ObservationsContract {
        @Override
        protected StorePorts store() {
            return PORTS;
        }
    }

    @Nested
    class Outbox extends OutboxContract {
        private final InMemoryPorts other = PORTS.otherInstance();

        @Override
        protected StorePorts store() {
            return PORTS;
        }

        @Override
        protected StorePorts otherInstance() {
            return other;
        }

        @Override
        protected TestClock clock() {
            return CLOCK;
        }
    }

    @Nested
    class EventFeed extends EventFeedContract {
        @Override
        protected StorePorts store() {
            return PORTS;
        }
    }

    @Nested
    class IdempotencyRecords extends IdempotencyRecordsContract {
        @Override
        protected StorePorts store() {
            return PORTS;
        }
    }

    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected StorePorts store() {
            return PORTS;
        }
    }
}
