package dev.sluice.application.port.out;

import java.time.Instant;

/** The current time, truncated to milliseconds as the contract's timestamps are. */
public interface Clock {
    Instant now();
}
