package dev.sluice.domain.session;

/** What can happen to a session; the {@link Lifecycle} table says where each one leads. */
public enum Trigger {
    DETECT,
    CONFIRM_EXACT,
    CONFIRM_SHORT,
    CONFIRM_OVER,
    FAIL,
    EXPIRE,
    CANCEL
}
