package dev.sluice.application.port.out;

/** The database cannot be reached right now; nothing was written. Callers see 503. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
