package dev.sluice.application.port.out;

/** Too many writes are already waiting for the database; nothing was written. Callers see 503 and retry later. */
public final class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message) {
        super(message);
    }
}
