package dev.sluice.application.fakes;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Widgets versioned like the database: a stored change gets the next version. */
public final class InMemoryWidgets extends InMemoryTable<WidgetId, Widget> implements Widgets {

    InMemoryWidgets(InMemoryStore store) {
        super(store, Widget::id);
    }

    @Override
    public Optional<Widget> findById(WidgetId id) {
        return find(id);
    }

    @Override
    public void add(Widget widget) {
        if (!insert("add", widget)) {
            throw new IllegalStateException("duplicate widget " + widget.id());
        }
    }

    @Override
    public void update(Widget widget) {
        replace("update", Widget.restore(widget.id(), widget.businessId(), widget.settings(), widget.enabled(),
                        widget.secretHash(), widget.createdAt(), widget.updatedAt(), widget.deletedAt(),
                        widget.version() + 1),
                stored -> stored.version() == widget.version(),
                new ConcurrentChangeException("widget " + widget.id() + " changed"));
    }

    @Override
    public List<Widget> listLive(BusinessId business) {
        return all().stream()
                .filter(w -> w.isOwnedBy(business) && !w.isDeleted())
                .sorted(Comparator.comparing(Widget::createdAt))
                .toList();
    }

    @Override
    public int countLiveForUpdate(BusinessId business) {
        synchronized (store) {
            store.requireUnitOfWork("countLiveForUpdate");
            return listLive(business).size();
        }
    }
}
