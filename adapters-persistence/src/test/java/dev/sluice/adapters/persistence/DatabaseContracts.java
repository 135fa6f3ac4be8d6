package dev.sluice.adapters.persistence;

import dev.sluice.application.contract.DepositSessionsContract;
import dev.sluice.application.contract.EventFeedContract;
import dev.sluice.application.contract.IdempotencyRecordsContract;
import dev.sluice.application.contract.NewSessionsContract;
import dev.sluice.application.contract.ObservationsContract;
import dev.sluice.application.contract.OutboxContract;
import dev.sluice.application.contract.StorePorts;
import dev.sluice.application.contract.UnitOfWorkContract;
import dev.sluice.application.contract.WidgetsContract;
import dev.sluice.application.fakes.TestClock;
import org.junit.jupiter.api.Nested;

/**
 * Every port contract, and what overlapping units of work do, on one database: {@link H2ContractsTest}
 * and {@link MariaDbContractsTest} name it.
 */
abstract class DatabaseContracts {

    abstract PersistenceModule db();

    /** The same database seen by another Sluice instance. */
    abstract PersistenceModule otherInstance();

    private StorePorts ports(PersistenceModule module) {
        return new PersistencePorts(module);
    }

    @Nested
    class Widgets extends WidgetsContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }

        @Override
        protected StorePorts otherInstance() {
            return ports(DatabaseContracts.this.otherInstance());
        }
    }

    @Nested
    class DepositSessions extends DepositSessionsContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }
    }

    @Nested
    class NewSessions extends NewSessionsContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }
    }

    @Nested
    class Observations extends ObservationsContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }
    }

    @Nested
    class Outbox extends OutboxContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }

        @Override
        protected StorePorts otherInstance() {
            return ports(DatabaseContracts.this.otherInstance());
        }

        @Override
        protected TestClock clock() {
            return TestDatabases.CLOCK;
        }

        /** More events than one list statement takes, and a count no power of two. */
        @Override
        protected int moreThanOneBatch() {
            return ListStatement.MAX + 90;
        }
    }

    @Nested
    class EventFeed extends EventFeedContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }
    }

    @Nested
    class IdempotencyRecords extends IdempotencyRecordsContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }

        @Override
        protected int moreThanOneBatch() {
            return JdbcIdempotencyRecords.PURGE_BATCH + 1;
        }
    }

    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected StorePorts store() {
            return ports(db());
        }
    }

    @Nested
    class OverlappingUnitsOfWork extends OverlappingUnitsOfWorkContract {
        @Override
        StorePorts store() {
            return ports(db());
        }
    }
}
