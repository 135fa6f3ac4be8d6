package dev.sluice.application.port.out;

import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Events waiting to be published. Appended in the same unit of work as the change that caused
 * them; marked published only after the broker acknowledged them. One instance relays at a time:
 * it holds the relay's lease, renewed by every claim, and no event is locked or leased on its own.
 */
public interface Outbox {
    void append(List<SessionEvent> events);

    /**
     * Takes or renews the relay's lease for this instance for {@code lease} and returns up to
     * {@code limit} unpublished events, oldest first, each session's earliest unpublished one only:
     * a session's later event is never handed out while an earlier one is unpublished. Returns
     * nothing while another instance holds an unexpired lease.
     */
    List<SessionEvent> claimUnpublished(int limit, Duration lease);

    void markPublished(List<EventId> events);

    /** Gives up the relay's lease if this instance holds it, so that another may relay at once. */
    void release();

    /**
     * Counts a failed attempt to publish {@code event} that no retry of the broker fixes (it cannot
     * be rendered, or the broker refuses that one record). At the {@code limit}-th
     * such failure the event is set aside: it is claimed no more, so neither are its session's later
     * events, while every other session flows. Returns whether this failure set it aside.
     */
    boolean recordFailure(EventId event, int limit);

    /** Deletes published events older than {@code cutoff}; returns how many. */
    int prunePublishedBefore(Instant cutoff);

    /** How many events wait, and since when the oldest waits (null when none). */
    Backlog backlog();

    record Backlog(long count, Instant oldestCreatedAt) {
    }
}
