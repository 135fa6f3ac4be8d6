package dev.sluice.application.port.in;

/** {@code POST …/webhook-endpoints/{endpointId}/delete-endpoint}: its waiting deliveries are dropped. */
public interface DeleteWebhookEndpoint {
    void delete(Caller caller, String businessId, String endpointId);
}
