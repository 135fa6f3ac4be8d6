package dev.sluice.domain.widget;

public enum RenderMode {
    IFRAME,
    POPUP
}
