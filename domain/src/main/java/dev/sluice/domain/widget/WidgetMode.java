package dev.sluice.domain.widget;

public enum WidgetMode {
    /** The customer pays exactly the widget's fixed price (min = max). */
    FIXED_AMOUNT,
    /** The customer chooses an amount within the widget's bounds. */
    CUSTOMER_AMOUNT
}
