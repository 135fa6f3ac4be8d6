package dev.sluice.application.port.in;

/** {@code POST …/widgets/{widgetId}/rotate-secret}: the old secret stops working at once. */
public interface RotateWidgetSecret {
    /** The new plaintext client secret, shown this once. */
    String rotate(Caller caller, String businessId, String widgetId);
}
