package dev.sluice.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one transaction: every change and every event it appends commit together or not
 * at all. A failure inside rolls everything back and reaches the caller unchanged. Work started
 * inside a unit of work already running on the same thread joins it.
 */
public interface UnitOfWork {
    <T> T inTransaction(Supplier<T> work);
}
