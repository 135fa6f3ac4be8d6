package dev.sluice.application.contract;

import static dev.sluice.application.contract.StoreFixtures.newBusiness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.port.out.IdempotencyRecords.Completed;
import dev.sluice.application.port.out.IdempotencyRecords.InProgress;
import dev.sluice.application.port.out.IdempotencyRecords.Started;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class IdempotencyRecordsContract {
    private static final Instant NOW = Instant.parse("2026-06-09T12:30:00.123Z");
    private static final String KEY = "order-7 retry ✓";

    protected abstract StorePorts store();

    /** More records than the store forgets in one batch. */
    protected int moreThanOneBatch() {
        return 50;
    }

    private IdempotencyRecords records;
    private WidgetId widget;

    @BeforeEach
    public void freshWidget() {
        records = store().idempotencyRecords();
        widget = StoreFixtures.storedWidget(store(), newBusiness(), NOW).id();
    }

    @Test
    public void aFreeKeyIsStarted() {
        assertEquals(new Started(), records.begin(widget, KEY, "fp1", NOW));
    }

    @Test
    public void aSecondRequestWhileTheFirstRunsSeesItInProgress() {
        records.begin(widget, KEY, "fp1", NOW);

        assertEquals(new InProgress("fp1"), records.begin(widget, KEY, "fp2", NOW.plusSeconds(1)));
    }

    @Test
    public void aCompletedRequestNamesItsSession() {
        SessionId session = SessionId.generate();
        records.begin(widget, KEY, "fp1", NOW);
        store().unitOfWork().inTransaction(() -> {
            records.complete(widget, KEY, session);
            return null;
        });

        assertEquals(new Completed("fp1", session), records.begin(widget, KEY, "fp1", NOW.plus(Duration.ofHours(23))));
    }

    @Test
    public void aRecordOlderThanADayIsReplaced() {
        records.begin(widget, KEY, "fp1", NOW);
        records.complete(widget, KEY, SessionId.generate());

        assertEquals(new Started(), records.begin(widget, KEY, "fp2", NOW.plus(Duration.ofHours(24))));
        assertEquals(new InProgress("fp2"), records.begin(widget, KEY, "fp2", NOW.plus(Duration.ofHours(24))));
    }

    @Test
    public void aRequestInProgressForAMinuteIsTakenOver() {
        records.begin(widget, KEY, "fp1", NOW);

        assertEquals(new InProgress("fp1"), records.begin(widget, KEY, "fp1", NOW.plusSeconds(59)));
        assertEquals(new Started(), records.begin(widget, KEY, "fp1", NOW.plusSeconds(60)));
    }

    @Test
    public void aReleasedKeyIsFreeAgain() {
        records.begin(widget, KEY, "fp1", NOW);
        records.release(widget, KEY);

        assertEquals(new Started(), records.begin(widget, KEY, "fp2", NOW));
    }

    @Test
    public void releaseNeverForgetsACompletedRequest() {
        SessionId session = SessionId.generate();
        records.begin(widget, KEY, "fp1", NOW);
        records.complete(widget, KEY, session);
        records.release(widget, KEY);

        assertEquals(new Completed("fp1", session), records.begin(widget, KEY, "fp1", NOW));
    }

    @Test
    public void keysAreScopedToTheWidgetAndCompareExactly() {
        records.begin(widget, KEY, "fp1", NOW);
        WidgetId other = StoreFixtures.storedWidget(store(), newBusiness(), NOW).id();

        assertEquals(new Started(), records.begin(other, KEY, "fp1", NOW));
        assertEquals(new Started(), records.begin(widget, KEY.toUpperCase(), "fp1", NOW));
        assertEquals(new Started(), records.begin(widget, KEY + " ", "fp1", NOW));
    }

    @Test
    public void recordsOlderThanADayAreForgottenYoungerOnesKept() {
        SessionId session = SessionId.generate();
        records.begin(widget, KEY, "fp1", NOW);
        records.begin(widget, "younger", "fp2", NOW.plus(Duration.ofHours(2)));
        store().unitOfWork().inTransaction(() -> {
            records.complete(widget, "younger", session);
            return null;
        });
        Instant dayLater = NOW.plus(Duration.ofHours(25));

        assertTrue(records.forgetExpired(dayLater) >= 1);

        assertEquals(0, records.forgetExpired(dayLater));
        assertEquals(new Started(), records.begin(widget, KEY, "fp3", NOW.plusSeconds(1)), "the old record is gone");
        assertEquals(new Completed("fp2", session), records.begin(widget, "younger", "fp2", dayLater));
    }

    @Test
    public void aPurgeDeletesMoreThanOneBatch() {
        int count = moreThanOneBatch();
        for (int i = 0; i < count; i++) {
            records.begin(widget, "bulk-" + i, "fp", NOW.minus(Duration.ofDays(30)));
        }

        assertTrue(records.forgetExpired(NOW) >= count);
        assertEquals(0, records.forgetExpired(NOW));
    }

    @Test
    public void beginCommitsEvenWhenTheSurroundingWorkFails() {
        assertThrows(IllegalStateException.class, () -> store().unitOfWork().inTransaction(() -> {
            records.begin(widget, KEY, "fp1", NOW);
            throw new IllegalStateException("the request died");
        }));

        assertEquals(new InProgress("fp1"), records.begin(widget, KEY, "fp1", NOW.plusSeconds(1)));
    }
}
