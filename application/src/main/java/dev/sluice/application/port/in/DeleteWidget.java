package dev.sluice.application.port.in;

/** {@code POST …/widgets/{widgetId}/delete-widget}: soft delete; sessions stay readable. */
public interface DeleteWidget {
    void delete(Caller caller, String businessId, String widgetId);
}
