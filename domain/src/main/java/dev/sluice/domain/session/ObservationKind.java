package dev.sluice.domain.session;

/** What the chain watcher saw. */
public enum ObservationKind {
    DETECTED,
    CONFIRMED,
    FAILED
}
