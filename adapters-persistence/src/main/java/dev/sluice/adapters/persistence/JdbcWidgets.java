package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Database.params;

import dev.sluice.application.port.out.ConcurrentChangeException;
import dev.sluice.application.port.out.Widgets;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcWidgets implements Widgets {
    static final Map<String, String> STATEMENTS = Map.of(
            "widgets.find", "SELECT " + WidgetRow.COLUMNS + " FROM widgets WHERE widget_id = :widget_id",
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

    private final Database db;

    JdbcWidgets(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Widget> findById(WidgetId id) {
        return db.get("widgets.find", params("widget_id", id.value()), WidgetRow::read);
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
