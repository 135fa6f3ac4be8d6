package dev.sluice.application.port.in;

import java.util.List;

/** One page of a list, and whether more follow it. */
public record Page<T>(List<T> items, boolean hasMore) {
    public Page {
        items = List.copyOf(items);
    }
}
