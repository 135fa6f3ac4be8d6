package dev.sluice.application.port.in;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.shared.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code POST /api/v1/widgets/{widgetId}/create-session}. */
public interface CreateDepositSession {

    CreatedSession create(Command command);

    /**
     * @param originHost the host of the browser's {@code Origin}, absent for server calls
     * @param inputViolations what the inbound adapter already found wrong while reading the
     *     request (wrong JSON types, unknown fields); reported together with the rule violations
     */
    record Command(Caller caller, String widgetId, Optional<String> originHost, SessionDraft draft,
            List<Violation> inputViolations, Optional<String> idempotencyKey) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(widgetId, "widgetId");
            Objects.requireNonNull(originHost, "originHost");
            Objects.requireNonNull(draft, "draft");
            inputViolations = List.copyOf(inputViolations);
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }
    }

    /** The new session (in the state it was created in) and its one-time client secret. */
    record CreatedSession(DepositSession session, String clientSecret, boolean replayed) {
    }
}
