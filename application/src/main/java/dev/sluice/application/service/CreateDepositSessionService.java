package dev.sluice.application.service;

import dev.sluice.application.port.in.CreateDepositSession;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.DepositSessions;
import dev.sluice.application.port.out.IdempotencyRecords;
import dev.sluice.application.port.out.MetadataSchemas;
import dev.sluice.application.port.out.NewSessions;
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
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks in the contract's order: credential, widget, enabled, origin, body. */
public final class CreateDepositSessionService implements CreateDepositSession {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final Widgets widgets;
    private final DepositSessions sessions;
    private final NewSessions newSessions;
    private final Outbox outbox;
    private final IdempotencyRecords idempotency;
    private final MetadataSchemas schemas;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final SessionSecrets secrets;

    public CreateDepositSessionService(Widgets widgets, DepositSessions sessions, NewSessions newSessions,
            Outbox outbox, IdempotencyRecords idempotency, MetadataSchemas schemas, UnitOfWork unitOfWork,
            Clock clock, SessionSecrets secrets) {
        this.widgets = widgets;
        this.sessions = sessions;
        this.newSessions = newSessions;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.schemas = schemas;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.secrets = secrets;
    }

    /**
     * Without an Idempotency-Key the new session goes to {@link NewSessions}, which may commit it
     * together with sessions of concurrent requests: one transaction for many is what lets the
     * database keep up under load. The widget is the one this instance read last, so a request
     * costs no read of its own; the commit checks the widget's version, and a session checked
     * against a widget changed since is decided again on the widget as it is now.
     *
     * <p>With a key the session is stored in a unit of work of its own, because the idempotency
     * record must be completed in the same transaction as the session is inserted (a retry that
     * finds the record completed finds the session too); the record itself commits on its own
     * first, so that a concurrent retry sees it. A malformed key is one more violation of the
     * request, reported with the others.
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
            Widget remembered = usableWidget(command, widgets::findRemembered);
            Change change = newSession(remembered, command, found);
            if (newSessions.add(change, remembered.version())) {
                return created(change);
            }
            Widget current = usableWidget(command, widgets::findById);
            change = newSession(current, command, found);
            if (newSessions.add(change, current.version())) {
                return created(change);
            }
            throw new ConcurrentChangeException("the widget changed while a session was created for it");
        }
        return createOnce(usableWidget(command, widgets::findById), command, found, key.get());
    }

    private Widget usableWidget(Command command, Function<WidgetId, Optional<Widget>> find) {
        Widget widget = WidgetId.parse(command.widgetId())
                .flatMap(find)
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
                    yield createCompleting(widget, command, found, key);
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

    private CreatedSession createCompleting(Widget widget, Command command, List<Violation> inputViolations,
            String idempotencyKey) {
        Change change = newSession(widget, command, inputViolations);
        unitOfWork.inTransaction(() -> {
            sessions.add(change.session());
            outbox.append(change.events());
            idempotency.complete(widget.id(), idempotencyKey, change.session().id());
            return null;
        });
        return created(change);
    }

    private Change newSession(Widget widget, Command command, List<Violation> inputViolations) {
        SessionDraft draft = command.draft();
        List<Violation> found = new ArrayList<>(inputViolations);
        String schema = widget.settings().metadataSchema();
        // An oversized metadata object is reported by the size rule alone, not also against the schema.
        if (schema != null && draft.metadataJson() != null
                && Metadata.byteLength(draft.metadataJson()) <= Metadata.MAX_BYTES
                && found.stream().noneMatch(v -> v.field().equals("metadata"))) {
            found.addAll(schemas.validate(schema, draft.metadataJson()));
        }
        return DepositSession.create(SessionId.generate(), widget, draft, found, clock.now());
    }

    private CreatedSession created(Change change) {
        return new CreatedSession(change.session(), secrets.secretFor(change.session().id()), false);
    }

    /** The original answer: the session as it was created, whatever happened to it since. */
    private CreatedSession replay(SessionId id) {
        DepositSession session = sessions.findById(id)
                .orElseThrow(() -> new IllegalStateException("idempotency record names a missing session " + id));
        return new CreatedSession(session.asCreated(), secrets.secretFor(id), true);
    }
}
