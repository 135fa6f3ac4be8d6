package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.GetWebhookDelivery;
import dev.sluice.application.port.in.ListWebhookDeliveries;
import dev.sluice.application.port.in.RedeliverWebhook;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.WebhookDeliveries;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.Violations;
import dev.sluice.domain.widget.BusinessId;
import java.util.Arrays;

/** A business looks into its webhook deliveries and asks for one again. */
public final class WebhookDeliveriesService implements ListWebhookDeliveries, GetWebhookDelivery, RedeliverWebhook {
    private final WebhookDeliveries deliveries;
    private final Clock clock;

    public WebhookDeliveriesService(WebhookDeliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public Page<WebhookDelivery> list(Caller caller, String businessId, Query query) {
        BusinessId business = Access.requireMember(caller, businessId);
        Violations violations = new Violations();
        int limit = PageQuery.limit(violations, query.limit());
        WebhookDelivery.Status status = null;
        if (query.status() != null) {
            status = Arrays.stream(WebhookDelivery.Status.values())
                    .filter(s -> s.name().equals(query.status()))
                    .findFirst()
                    .orElse(null);
            if (status == null) {
                violations.add("status", "invalid_value", "must be one of PENDING, RETRYING, DELIVERED, FAILED");
            }
        }
        violations.throwIfAny();
        return deliveries.list(business, new WebhookDelivery.Query(query.endpointId(), status, query.sessionId(),
                limit, query.startingAfter()));
    }

    @Override
    public WebhookDelivery get(Caller caller, String businessId, String deliveryId) {
        return deliveries.get(Access.requireMember(caller, businessId), deliveryId)
                .orElseThrow(WebhookDeliveriesService::notFound);
    }

    @Override
    public WebhookDelivery redeliver(Caller caller, String businessId, String deliveryId) {
        return deliveries.redeliver(Access.requireMember(caller, businessId), deliveryId, clock.now())
                .orElseThrow(WebhookDeliveriesService::notFound);
    }

    private static DomainException notFound() {
        return DomainException.notFound("webhook delivery");
    }
}
