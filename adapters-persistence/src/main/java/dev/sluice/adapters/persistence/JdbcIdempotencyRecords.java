package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;
import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.shared.Sha256;
import dev.sluice.domain.widget.WidgetId;
import io.helidon.dbclient.DbRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Idempotency records keyed by (widget, SHA-256 of the key). {@link #begin} claims the key in a
 * transaction of its own: it inserts a record carrying a fresh claim token unless one exists, locks
 * the record either way, and reads it back; finding its own token means this request holds the key.
 */
final class JdbcIdempotencyRecords implements IdempotencyRecords {
    /** How long a retry gets the original answer. */
    static final Duration RETENTION = Duration.ofHours(24);
    /** A request still IN_PROGRESS after this long has died; its key is free again. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    /** Records deleted per statement, so that a purge never holds many row locks at once. */
    static final int PURGE_BATCH = 1_000;

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    static final Map<String, String> STATEMENTS = Map.of(
            // The no-op update takes the existing record's exclusive lock at once; a failed plain INSERT
            // would take a shared one, and two requests upgrading theirs would deadlock.
            "idempotency.claim", "INSERT INTO idempotency_records"
                    + " (widget_id, key_digest, fingerprint, state, claim_token, session_id, created_at)"
                    + " VALUES (:widget_id, :key_digest, :fingerprint, '" + IN_PROGRESS + "', :claim_token, NULL,"
                    + " :created_at) ON DUPLICATE KEY UPDATE state = state",
            "idempotency.find", "SELECT fingerprint, state, claim_token, session_id, created_at"
                    + " FROM idempotency_records WHERE widget_id = :widget_id AND key_digest = :key_digest FOR UPDATE",
            "idempotency.restart", "UPDATE idempotency_records SET fingerprint = :fingerprint, state = '" + IN_PROGRESS
                    + "', claim_token = :claim_token, session_id = NULL, created_at = :created_at"
                    + " WHERE widget_id = :widget_id AND key_digest = :key_digest",
            "idempotency.complete", "UPDATE idempotency_records SET state = '" + COMPLETED + "',"
                    + " session_id = :session_id WHERE widget_id = :widget_id AND key_digest = :key_digest",
            "idempotency.release", "DELETE FROM idempotency_records WHERE widget_id = :widget_id"
                    + " AND key_digest = :key_digest AND state = '" + IN_PROGRESS + "'",
            "idempotency.purge", "DELETE FROM idempotency_records WHERE created_at < :cutoff LIMIT " + PURGE_BATCH);

    private final Database db;

    JdbcIdempotencyRecords(Database db) {
        this.db = db;
    }

    private record Record(String fingerprint, String state, String claimToken, String sessionId, Instant createdAt) {
        static Record read(DbRow row) {
            return new Record(text(row, "fingerprint"), text(row, "state"), text(row, "claim_token"),
                    text(row, "session_id"), instant(row, "created_at"));
        }
    }

    @Override
    public Claim begin(WidgetId widget, String key, String fingerprint, Instant now) {
        String token = RandomTokens.id("");
        Map<String, Object> params = params("widget_id", widget.value(), "key_digest", digest(key),
                "fingerprint", fingerprint, "claim_token", token, "created_at", utc(now));
        return db.inNewTransaction(() -> {
            db.dml("idempotency.claim", params);
            Record record = db.get("idempotency.find", params, Record::read).orElseThrow();
            if (record.claimToken().equals(token)) {
                return new Started();
            }
            if (isStale(record, now)) {
                db.dml("idempotency.restart", params);
                return new Started();
            }
            return COMPLETED.equals(record.state())
                    ? new Completed(record.fingerprint(), new SessionId(record.sessionId()))
                    : new InProgress(record.fingerprint());
        });
    }

    @Override
    public void complete(WidgetId widget, String key, SessionId session) {
        db.dml("idempotency.complete", params("widget_id", widget.value(), "key_digest", digest(key),
                "session_id", session.value()));
    }

    @Override
    public void release(WidgetId widget, String key) {
        db.dml("idempotency.release", params("widget_id", widget.value(), "key_digest", digest(key)));
    }

    /**
     * A record that turns stale while this runs is deleted or restarted, whichever locks it first;
     * either way the next {@link #begin} with its key starts afresh.
     */
    @Override
    public int forgetExpired(Instant now) {
        Map<String, Object> params = params("cutoff", utc(now.minus(RETENTION)));
        int total = 0;
        int deleted;
        do {
            deleted = (int) db.dml("idempotency.purge", params);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    private static boolean isStale(Record record, Instant now) {
        Duration age = Duration.between(record.createdAt(), now);
        return age.compareTo(RETENTION) >= 0
                || IN_PROGRESS.equals(record.state()) && age.compareTo(ABANDONED_AFTER) >= 0;
    }

    private static String digest(String key) {
        return HexFormat.of().formatHex(Sha256.of(key.getBytes(StandardCharsets.UTF_8)));
    }
}
