package dev.sluice.application.port.in;

/** {@code POST …/webhook-endpoints/{endpointId}/rotate-secret}: both secrets sign for the next 24 h. */
public interface RotateWebhookSecret {
    /** The new signing secret, shown this once. */
    String rotate(Caller caller, String businessId, String endpointId);
}
