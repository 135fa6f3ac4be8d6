package dev.sluice.domain.session;

/**
 * An observation as the chain watcher sent it (HTTP body or Kafka message), before any rule
 * was applied; absent fields are {@code null}.
 */
public record ObservationDraft(
        String observationId,
        String kind,
        String txId,
        String amountReceived,
        Long confirmations,
        String observedAt) {
}
