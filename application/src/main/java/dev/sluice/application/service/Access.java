package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionSecrets;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.Optional;

/**
 * Who may touch which widget or session. Another tenant's widget or session is reported as
 * not found, never as forbidden, so that ids of other tenants cannot be probed.
 */
final class Access {
    static final String OBSERVE_SCOPE = "deposits:observe";

    private Access() {
    }

    /** A business user of the owning business, or the holder of the widget's own secret. */
    static void requireWidgetAccess(Caller caller, Widget widget) {
        switch (caller) {
            case Caller.BusinessUser user when user.isMemberOf(widget.businessId()) -> { }
            case Caller.BusinessUser user -> throw DomainException.notFound("widget");
            case Caller.SecretHolder holder when widget.acceptsSecret(holder.secret()) -> { }
            case Caller.SecretHolder holder -> throw unauthorized();
            case Caller.Internal internal -> throw unauthorized();
        }
    }

    /** A business user of the owning business, or the holder of the session's own secret. */
    static void requireSessionAccess(Caller caller, DepositSession session, SessionSecrets secrets) {
        switch (caller) {
            case Caller.BusinessUser user when user.isMemberOf(session.businessId()) -> { }
            case Caller.BusinessUser user -> throw DomainException.notFound("session");
            case Caller.SecretHolder holder when secrets.matches(session.id(), holder.secret()) -> { }
            case Caller.SecretHolder holder -> throw unauthorized();
            case Caller.Internal internal -> throw unauthorized();
        }
    }

    /**
     * A browser holding a session's secret must be on an origin the session's widget allows, as
     * for create-session: a page on another site that got hold of the secret cannot use it.
     */
    static void requireSessionOrigin(Caller caller, DepositSession session, Optional<String> originHost,
            Widgets widgets) {
        if (caller instanceof Caller.SecretHolder && originHost.isPresent()) {
            boolean allowed = widgets.findById(session.widgetId())
                    .map(widget -> widget.allowsOrigin(originHost.get()))
                    .orElse(false);
            if (!allowed) {
                throw new DomainException(ErrorCode.DOMAIN_NOT_ALLOWED, "this origin may not use the widget");
            }
        }
    }

    /**
     * A business user who is a member of the business named in the path; returns that business.
     * Client secrets open no business endpoint.
     */
    static BusinessId requireMember(Caller caller, String businessId) {
        return switch (caller) {
            case Caller.BusinessUser user -> BusinessId.parse(businessId)
                    .filter(user::isMemberOf)
                    .orElseThrow(Access::forbidden);
            case Caller.SecretHolder holder -> throw unauthorized();
            case Caller.Internal internal -> throw unauthorized();
        };
    }

    /** A live widget of {@code business}; any other widget is simply not found. */
    static Widget liveWidgetOf(Widgets widgets, BusinessId business, String widgetId) {
        return WidgetId.parse(widgetId)
                .flatMap(widgets::findById)
                .filter(w -> !w.isDeleted() && w.isOwnedBy(business))
                .orElseThrow(() -> DomainException.notFound("widget"));
    }

    /** The chain watcher: a JWT with scope {@code deposits:observe}, or Sluice's own consumer. */
    static void requireObserver(Caller caller) {
        switch (caller) {
            case Caller.BusinessUser user when user.hasScope(OBSERVE_SCOPE) -> { }
            case Caller.BusinessUser user -> throw forbidden();
            case Caller.Internal internal -> { }
            case Caller.SecretHolder holder -> throw unauthorized();
        }
    }

    static DomainException forbidden() {
        return new DomainException(ErrorCode.FORBIDDEN, "not allowed for this credential");
    }

    static DomainException unauthorized() {
        return new DomainException(ErrorCode.UNAUTHORIZED, "missing or invalid credential");
    }
}
