package dev.sluice.application.port.out;

import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.widget.WidgetId;
import java.time.Instant;

/**
 * Remembers create-session requests by their {@code Idempotency-Key}, per widget, for 24 hours.
 * {@link #begin} commits on its own so that a concurrent retry sees the request in progress.
 */
public interface IdempotencyRecords {

    /** Claims the key for a new request, or says what happened to the earlier one. */
    Claim begin(WidgetId widget, String key, String fingerprint, Instant now);

    /** Records the session the request created; runs inside the creating unit of work. */
    void complete(WidgetId widget, String key, SessionId session);

    /** Forgets a claimed key whose request failed, so that the key can be used again. */
    void release(WidgetId widget, String key);

    /** Deletes the records older than 24 hours at {@code now}, which no retry can use any more; returns how many. */
    int forgetExpired(Instant now);

    sealed interface Claim {
    }

    /** The key was free (or its record older than 24 h) and is now held by this request. */
    record Started() implements Claim {
    }

    /** An earlier request with this key is still running. */
    record InProgress(String fingerprint) implements Claim {
    }

    /** An earlier request with this key created {@code session}. */
    record Completed(String fingerprint, SessionId session) implements Claim {
    }
}
