package dev.sluice.application.port.out;

/** Someone else changed the record between our read and our write; the write was not made. */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
