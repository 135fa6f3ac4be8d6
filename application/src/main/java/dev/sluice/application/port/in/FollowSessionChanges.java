package dev.sluice.application.port.in;

import java.util.Map;

/**
 * Which sessions changed, in commit order, on any instance: what a watcher asks the database
 * once per tick for every status stream of the instance, instead of one query per stream.
 */
public interface FollowSessionChanges {
    /** The position to follow from: every change committed before this call is at or before it. */
    long currentPosition();

    /** Changes positioned after {@code position}, by session (its latest sequence), and the position reached. */
    Changes changesAfter(long position);

    record Changes(Map<String, Long> latestSequenceBySession, long position) {
        public Changes {
            latestSequenceBySession = Map.copyOf(latestSequenceBySession);
        }
    }
}
