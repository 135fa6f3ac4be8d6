package dev.sluice.adapters.webhooks;

/** Told of every recorded attempt, e.g. to count them in metrics. */
public interface AttemptObserver {
    AttemptObserver NONE = (endpointId, outcome) -> { };

    void attempted(String endpointId, Outcome outcome);

    /** What an attempt left its delivery as. */
    enum Outcome {
        DELIVERED, RETRYING, FAILED
    }
}
