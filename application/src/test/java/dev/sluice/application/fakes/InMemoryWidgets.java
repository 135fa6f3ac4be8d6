package dev.sluice.application.fakes;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Widgets versioned like the database: a stored change gets the next version. */
public final class InMemoryWidgets implements Widgets, InMemoryStore.Table {
    private final InMemoryStore store;
    private Map<WidgetId, Widget> byId = new LinkedHashMap<>();

    InMemoryWidgets(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Optional<Widget> findById(WidgetId id) {
        synchronized (store) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    @Override
    public void add(Widget widget) {
        synchronized (store) {
            store.requireUnitOfWork("add");
            if (byId.putIfAbsent(widget.id(), widget) != null) {
                throw new IllegalStateException("duplicate widget " + widget.id());
            }
        }
    }

    @Override
    public void update(Widget widget) {
        synchronized (store) {
            store.requireUnitOfWork("update");
            Widget stored = byId.get(widget.id());
            if (stored == null || stored.version() != widget.version()) {
                throw new ConcurrentChangeException("widget " + widget.id() + " changed");
            }
            byId.put(widget.id(), Widget.restore(widget.id(), widget.businessId(), widget.settings(),
                    widget.enabled(), widget.secretHash(), widget.createdAt(), widget.updatedAt(), widget.deletedAt(),
                    widget.version() + 1));
        }
    }

    @Override
    public List<Widget> listLive(BusinessId business) {
        synchronized (store) {
            return byId.values().stream()
                    .filter(w -> w.isOwnedBy(business) && !w.isDeleted())
                    .sorted(Comparator.comparing(Widget::createdAt))
                    .toList();
        }
    }

    @Override
    public int countLiveForUpdate(BusinessId business) {
        synchronized (store) {
            store.requireUnitOfWork("countLiveForUpdate");
            return listLive(business).size();
        }
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(byId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        byId = (Map<WidgetId, Widget>) snapshot;
    }
}
