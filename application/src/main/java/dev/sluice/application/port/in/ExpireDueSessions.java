package dev.sluice.application.port.in;

/** The sweeper: expires CREATED sessions whose time is up, one event each. */
public interface ExpireDueSessions {
    /** Expires at most {@code batchSize} due sessions; returns how many it expired. */
    int expireDue(int batchSize);
}
