package dev.sluice.application.port.out;

import dev.sluice.domain.session.Change;

/**
 * Stores sessions just created, each with the events of its creation, provided their widget is
 * still as the session was checked against. A call returns once the session and its events are
 * committed, and throws when they are not (then nothing of that session is stored):
 * {@link StoreUnavailableException} while the database cannot be reached, {@link StoreBusyException}
 * while too many sessions already wait to be stored. Concurrent calls may share one transaction; a
 * failure of one session's rows never fails another's.
 */
public interface NewSessions {
    /**
     * Stores {@code created} if its widget is at {@code widgetVersion} in the same transaction;
     * returns false, having stored nothing, if the widget changed since.
     */
    boolean add(Change created, long widgetVersion);
}
