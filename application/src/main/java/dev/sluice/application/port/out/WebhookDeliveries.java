package dev.sluice.application.port.out;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.domain.widget.BusinessId;
import java.time.Instant;
import java.util.Optional;

/** A business's webhook deliveries: their history, and the deliveries a merchant asks for. */
public interface WebhookDeliveries {
    Page<WebhookDelivery> list(BusinessId business, WebhookDelivery.Query query);

    Optional<WebhookDelivery> get(BusinessId business, String deliveryId);

    /** A new delivery of the same event to the same endpoint, behind the session's waiting ones. */
    Optional<WebhookDelivery> redeliver(BusinessId business, String deliveryId, Instant now);

    /** A {@code webhook.test} event to the endpoint, due at once. */
    Optional<WebhookDelivery> sendTest(BusinessId business, String endpointId, Instant now);
}
