package dev.sluice.application.service;

import dev.sluice.application.port.in.CreateDepositSession;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.application.port.out.Outbox;
import dev.sluice.application.port.out.UnitOfWork;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.session.SessionSecrets;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.shared.Metadata;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks in the contract's order: credential, widget, enabled, origin, body. */
public final class CreateDepositSessionService implements CreateDepositSession {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final Widgets widgets;
    private final DepositSessions sessions;
    private final Outbox outbox;
    private final IdempotencyRecords idempotency;
    private final MetadataSchemas schemas;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final SessionSecrets secrets;

    public CreateDepositSessionService(Widgets widgets, DepositSessions sessions, Outbox outbox,
            IdempotencyRecords idempotency, MetadataSchemas schemas, UnitOfWork unitOfWork, Clock clock,
            SessionSecrets secrets) {
        this.widgets = widgets;
        this.sessions = sessions;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.schemas = schemas;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.secrets = secrets;
    }

    /**
     * Without an Idempotency-Key the whole request is one unit of work, so the widget read and the
     * inserts share one connection and one commit. With a key, the idempotency record commits on its
     * own first, so that a concurrent retry sees it; it must not wait inside another transaction for
     * a second connection. A malformed key is one more violation of the request, reported with the
     * others.
     */
    @Override
    public CreatedSession create(Command command) {
        List<Violation> found = new ArrayList<>(command.inputViolations());
        Optional<String> key = command.idempotencyKey();
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            found.add(new Violation("Idempotency-Key", "invalid_format", "must be 1-255 printable characters"));
            key = Optional.empty();
        }
        if (key.isEmpty()) {
            return unitOfWork.inTransaction(() -> createNew(usableWidget(command), command, found, null));
        }
        return createOnce(usableWidget(command), command, found, key.get());
    }

    private Widget usableWidget(Command command) {
        Widget widget = WidgetId.parse(command.widgetId())
                .flatMap(widgets::findById)
                .filter(w -> !w.isDeleted())
                .orElseThrow(() -> DomainException.notFound("widget"));
        Access.requireWidgetAccess(command.caller(), widget);
        if (!widget.enabled()) {
            throw new DomainException(ErrorCode.WIDGET_DISABLED, "the widget is disabled");
        }
        if (command.originHost().filter(host -> !widget.allowsOrigin(host)).isPresent()) {
            throw new DomainException(ErrorCode.DOMAIN_NOT_ALLOWED, "this origin may not use the widget");
        }
        return widget;
    }

    private CreatedSession createOnce(Widget widget, Command command, List<Violation> found, String key) {
        String fingerprint = RequestFingerprint.of(command.draft());
        return switch (idempotency.begin(widget.id(), key, fingerprint, clock.now())) {
            case IdempotencyRecords.Started started -> {
                try {
                    yield createNew(widget, command, found, key);
                } catch (RuntimeException e) {
                    idempotency.release(widget.id(), key);
                    throw e;
                }
            }
            case IdempotencyRecords.InProgress earlier when earlier.fingerprint().equals(fingerprint) ->
                    throw new DomainException(ErrorCode.REQUEST_IN_PROGRESS,
                            "a request with this Idempotency-Key is still running");
            case IdempotencyRecords.Completed earlier when earlier.fingerprint().equals(fingerprint) ->
                    replay(earlier.session());
            default -> throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used with a different request");
        };
    }

    private CreatedSession createNew(Widget widget, Command command, List<Violation> inputViolations,
            String idempotencyKey) {
        SessionDraft draft = command.draft();
        List<Violation> found = new ArrayList<>(inputViolations);
        String schema = widget.settings().metadataSchema();
        // An oversized metadata object is reported by the size rule alone, not also against the schema.
        if (schema != null && draft.metadataJson() != null
                && Metadata.byteLength(draft.metadataJson()) <= Metadata.MAX_BYTES
                && found.stream().noneMatch(v -> v.field().equals("metadata"))) {
            found.addAll(schemas.validate(schema, draft.metadataJson()));
        }
        Change change = DepositSession.create(SessionId.generate(), widget, draft, found, clock.now());
        unitOfWork.inTransaction(() -> {
            sessions.add(change.session());
            outbox.append(change.events());
            if (idempotencyKey != null) {
                idempotency.complete(widget.id(), idempotencyKey, change.session().id());
            }
            return null;
        });
        return new CreatedSession(change.session(), secrets.secretFor(change.session().id()), false);
    }

    /** The original answer: the session as it was created, whatever happened to it since. */
    private CreatedSession replay(SessionId id) {
        DepositSession session = sessions.findById(id)
                .orElseThrow(() -> new IllegalStateException("idempotency record names a missing session " + id));
        return new CreatedSession(session.asCreated(), secrets.secretFor(id), true);
    }
}
