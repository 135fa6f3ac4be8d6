package dev.sluice.application.port.out;

import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.List;
import java.util.Optional;

/** The stored widgets, deleted ones included (their sessions still point at them). */
public interface Widgets {
    Optional<Widget> findById(WidgetId id);

    /**
     * The widget as this store last read it, or as stored now when it has not read it yet: it may
     * miss a change made since. Only for a write that checks the widget's version in its own
     * transaction, as {@link NewSessions#add} does.
     */
    default Optional<Widget> findRemembered(WidgetId id) {
        return findById(id);
    }

    void add(Widget widget);

    /** Stores a changed widget; fails with {@link ConcurrentChangeException} if it changed since it was read. */
    void update(Widget widget);

    /** Live (not deleted) widgets of a business, oldest first. */
    List<Widget> listLive(BusinessId business);

    /**
     * Counts the business's live widgets while holding a lock that makes concurrent creations of
     * the same business wait, so the 10-widget limit cannot be overrun by a race.
     */
    int countLiveForUpdate(BusinessId business);
}
