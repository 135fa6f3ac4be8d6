package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.application.port.out.NewSessions;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import dev.sluice.domain.widget.WidgetRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CountingOutboxTest {
    private final List<SessionEvent> stored = new ArrayList<>();
    private final List<SessionEvent> counted = new ArrayList<>();
    private final CountingOutbox outbox = new CountingOutbox(new StoringOutbox(), new DirectUnitOfWork(), counted::add);

    @Test
    void anEventAppendedInACommittedTransactionIsCountedOnce() {
        SessionEvent created = createdEvent();

        outbox.unitOfWork().inTransaction(() -> {
            outbox.append(List.of(created));
            assertEquals(List.of(), counted, "nothing is counted before the commit");
            return null;
        });

        assertEquals(List.of(created), counted);
    }

    @Test
    void anEventOfARolledBackTransactionIsNotCounted() {
        assertThrows(IllegalStateException.class, () -> outbox.unitOfWork().inTransaction(() -> {
            outbox.append(List.of(createdEvent()));
            throw new IllegalStateException("lost the race");
        }));

        assertEquals(1, stored.size(), "the append reached the outbox, whose transaction rolled back");
        assertEquals(List.of(), counted);
    }

    @Test
    void aNestedUnitOfWorkCountsWithTheOuterCommit() {
        SessionEvent created = createdEvent();

        outbox.unitOfWork().inTransaction(() -> outbox.unitOfWork().inTransaction(() -> {
            outbox.append(List.of(created));
            return null;
        }));

        assertEquals(List.of(created), counted);
    }

    @Test
    void theEventsOfANewSessionAreCountedOnceItIsStoredAndNotWhenItIsRefused() {
        Change accepted = createdSession();
        Change refused = createdSession();
        NewSessions newSessions = outbox.newSessions((created, widgetVersion) -> widgetVersion == 0);

        newSessions.add(accepted, 0);
        newSessions.add(refused, 1);

        assertEquals(accepted.events(), counted);
    }

    private static SessionEvent createdEvent() {
        return createdSession().events().get(0);
    }

    private static Change createdSession() {
        Instant now = Instant.parse("2026-06-09T12:00:00.000Z");
        WidgetDraft shop = WidgetDraft.builder()
                .set(WidgetField.NAME, "Shop")
                .set(WidgetField.MODE, "CUSTOMER_AMOUNT")
                .build();
        Widget widget = Widget.create(new BusinessId("biz_metrics"), WidgetRules.create(shop, List.of()), now).widget();
        SessionDraft draft = new SessionDraft("10", "USDC", "polygon", "", "0xMerchant", null, null, null);
        return DepositSession.create(SessionId.generate(), widget, draft, List.of(), now);
    }

    /** Runs the work as it is: what a transaction would do to the data does not matter here. */
    private static final class DirectUnitOfWork implements UnitOfWork {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    }

    private final class StoringOutbox implements Outbox {
        @Override
        public void append(List<SessionEvent> events) {
            stored.addAll(events);
        }

        @Override
        public List<SessionEvent> claimUnpublished(int limit, Duration lease) {
            return List.of();
        }

        @Override
        public void markPublished(List<EventId> events) {
        }

        @Override
        public void release() {
        }

        @Override
        public boolean recordFailure(EventId event, int limit) {
            return false;
        }

        @Override
        public int prunePublishedBefore(Instant cutoff) {
            return 0;
        }

        @Override
        public Backlog backlog() {
            return new Backlog(stored.size(), null);
        }
    }
}
