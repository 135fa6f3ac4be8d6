package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionSecrets;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.widget.Widget;

/**
 * Who may touch which widget or session. Another tenant's widget or session is reported as
 * not found, never as forbidden, so that ids of other tenants cannot be probed.
 */
final class Access {
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

    static DomainException unauthorized() {
        return new DomainException(ErrorCode.UNAUTHORIZED, "missing or invalid credential");
    }
}
