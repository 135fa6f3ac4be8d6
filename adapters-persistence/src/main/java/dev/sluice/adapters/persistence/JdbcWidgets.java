package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcWidgets implements Widgets {
    static final Map<String, String> STATEMENTS = Map.of(
            "widgets.find", "SELECT " + WidgetRow.COLUMNS + " FROM widgets WHERE widget_id = :widget_id",
            "widgets.version", "SELECT version FROM widgets WHERE widget_id = :widget_id",
            "widgets.insert", Sql.insert("widgets", WidgetRow.COLUMNS),
            "widgets.update", "UPDATE widgets SET " + Sql.assignments(WidgetRow.MUTABLE_COLUMNS)
                    + ", version = version + 1 WHERE widget_id = :widget_id AND version = :version",
            "widgets.listLive", "SELECT " + WidgetRow.COLUMNS + " FROM widgets"
                    + " WHERE business_id = :business_id AND deleted_at IS NULL ORDER BY created_at, widget_id",
            // The no-op update makes MySQL and H2 take the row's exclusive lock whether or not it existed;
            // it is held until the unit of work ends.
            "widgets.lockBusiness", "INSERT INTO businesses (business_id) VALUES (:business_id)"
                    + " ON DUPLICATE KEY UPDATE business_id = business_id",
            "widgets.countLive", "SELECT COUNT(*) AS live FROM widgets"
                    + " WHERE business_id = :business_id AND deleted_at IS NULL");

    /** Widgets kept as last read; enough for every live widget of a busy instance (ten per business). */
    private static final int REMEMBERED = 1024;

    private final Database db;
    private final Map<WidgetId, Widget> lastRead = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<WidgetId, Widget> eldest) {
            return size() > REMEMBERED;
        }
    };

    JdbcWidgets(Database db) {
        this.db = db;
    }

    /**
     * Every change of a widget moves its version, so a copy read earlier at the version the row has
     * now is the row: then only the version is read, not the thirty columns of the row (reading and
     * mapping them was a sixth of a create-session request's CPU). A change made through any instance
     * is seen by the next read, as without the copy.
     */
    @Override
    public Optional<Widget> findById(WidgetId id) {
        Optional<Long> version = db.get("widgets.version", params("widget_id", id.value()),
                row -> Columns.number(row, "version"));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Widget known = remembered(id);
        if (known != null && known.version() == version.get()) {
            return Optional.of(known);
        }
        Optional<Widget> found = db.get("widgets.find", params("widget_id", id.value()), WidgetRow::read);
        found.ifPresent(this::remember);
        return found;
    }

    /** The copy read last, without asking the database; see {@link Widgets#findRemembered}. */
    @Override
    public Optional<Widget> findRemembered(WidgetId id) {
        Widget known = remembered(id);
        return known != null ? Optional.of(known) : findById(id);
    }

    private synchronized Widget remembered(WidgetId id) {
        return lastRead.get(id);
    }

    /** Keeps the newer of two copies read concurrently. */
    private synchronized void remember(Widget widget) {
        lastRead.merge(widget.id(), widget, (known, read) -> read.version() >= known.version() ? read : known);
    }

    @Override
    public void add(Widget widget) {
        db.dml("widgets.insert", WidgetRow.params(widget));
    }

    @Override
    public void update(Widget widget) {
        if (db.dml("widgets.update", WidgetRow.params(widget)) == 0) {
            throw new ConcurrentChangeException("widget " + widget.id() + " changed since version " + widget.version());
        }
    }

    @Override
    public List<Widget> listLive(BusinessId business) {
        return db.query("widgets.listLive", params("business_id", business.value()), WidgetRow::read);
    }

    @Override
    public int countLiveForUpdate(BusinessId business) {
        db.dml("widgets.lockBusiness", params("business_id", business.value()));
        return db.get("widgets.countLive", params("business_id", business.value()),
                row -> (int) Columns.number(row, "live")).orElseThrow();
    }
}
