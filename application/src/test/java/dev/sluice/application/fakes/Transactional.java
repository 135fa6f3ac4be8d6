package dev.sluice.application.fakes;

/** An in-memory store whose state a test unit of work can put back when the work fails. */
interface Transactional {
    Object snapshot();

    void restore(Object snapshot);
}
