package dev.sluice.application.fakes;

import dev.sluice.application.port.in.Page;
import dev.sluice.application.port.out.WebhookAddresses;
import dev.sluice.application.port.out.WebhookDeliveries;
import dev.sluice.application.port.out.WebhookEndpoints;
import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.EndpointPatch;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.widget.BusinessId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook sink's ports in memory, for the HTTP tests: the real store (adapters-webhooks) passes
 * its own contract on H2 and MariaDB. A host named {@code private.example} resolves to a private address.
 */
public final class InMemoryWebhooks implements WebhookEndpoints, WebhookDeliveries, WebhookAddresses {
    private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();

    @Override
    public synchronized Optional<WebhookEndpoint.Issued> create(BusinessId business, EndpointDraft draft, int limit,
            Instant now) {
        if (list(business).size() >= limit) {
            return Optional.empty();
        }
        WebhookEndpoint endpoint = new WebhookEndpoint(RandomTokens.id(WebhookEndpoint.ID_PREFIX), business,
                draft.url(), draft.description(), draft.events(), true, null, now, now);
        endpoints.put(endpoint.id(), endpoint);
        return Optional.of(new WebhookEndpoint.Issued(endpoint, rotate(endpoint.id())));
    }

    private String rotate(String endpointId) {
        String secret = RandomTokens.secret("whsec_");
        secrets.put(endpointId, secret);
        return secret;
    }

    @Override
    public synchronized List<WebhookEndpoint> list(BusinessId business) {
        return endpoints.values().stream().filter(e -> e.businessId().equals(business)).toList();
    }

    @Override
    public synchronized Optional<WebhookEndpoint> find(BusinessId business, String endpointId) {
        return Optional.ofNullable(endpoints.get(endpointId)).filter(e -> e.businessId().equals(business));
    }

    @Override
    public synchronized Optional<WebhookEndpoint> update(BusinessId business, String endpointId, EndpointPatch patch,
            Instant now) {
        return find(business, endpointId).map(old -> {
            boolean enabled = patch.enabled() == null ? old.enabled() : patch.enabled();
            WebhookEndpoint updated = new WebhookEndpoint(old.id(), business,
                    patch.url() == null ? old.url() : patch.url(),
                    patch.descriptionSet() ? patch.description() : old.description(),
                    patch.events() == null ? old.events() : patch.events(), enabled,
                    enabled ? null : old.enabled() ? WebhookEndpoint.DisabledReason.BY_MERCHANT : old.disabledReason(),
                    old.createdAt(), now);
            endpoints.put(endpointId, updated);
            return updated;
        });
    }

    /** As the dispatcher does on a 410. */
    public synchronized void disableAsGone(String endpointId) {
        WebhookEndpoint old = endpoints.get(endpointId);
        endpoints.put(endpointId, new WebhookEndpoint(old.id(), old.businessId(), old.url(), old.description(),
                old.events(), false, WebhookEndpoint.DisabledReason.GONE, old.createdAt(), old.updatedAt()));
    }

    @Override
    public synchronized boolean delete(BusinessId business, String endpointId, Instant now) {
        boolean found = find(business, endpointId).isPresent();
        if (found) {
            endpoints.remove(endpointId);
            deliveries.removeIf(d -> d.endpointId().equals(endpointId) && d.status() == WebhookDelivery.Status.PENDING);
        }
        return found;
    }

    @Override
    public synchronized Optional<String> rotateSecret(BusinessId business, String endpointId, Instant now,
            Instant previousValidUntil) {
        return find(business, endpointId).map(e -> rotate(endpointId));
    }

    @Override
    public synchronized Page<WebhookDelivery> list(BusinessId business, WebhookDelivery.Query query) {
        List<WebhookDelivery> mine = new ArrayList<>(deliveries.stream()
                .filter(d -> endpoints.containsKey(d.endpointId())
                        && endpoints.get(d.endpointId()).businessId().equals(business))
                .filter(d -> query.endpointId() == null || d.endpointId().equals(query.endpointId()))
                .filter(d -> query.status() == null || d.status() == query.status())
                .filter(d -> query.sessionId() == null || query.sessionId().equals(d.sessionId()))
                .toList()).reversed();
        if (query.startingAfter() != null) {
            int at = mine.stream().map(WebhookDelivery::id).toList().indexOf(query.startingAfter());
            mine = at < 0 ? List.of() : mine.subList(at + 1, mine.size());
        }
        return new Page<>(mine.subList(0, Math.min(query.limit(), mine.size())), mine.size() > query.limit());
    }

    @Override
    public synchronized Optional<WebhookDelivery> get(BusinessId business, String deliveryId) {
        return deliveries.stream().filter(d -> d.id().equals(deliveryId))
                .filter(d -> find(business, d.endpointId()).isPresent()).findFirst();
    }

    @Override
    public synchronized Optional<WebhookDelivery> redeliver(BusinessId business, String deliveryId, Instant now) {
        return get(business, deliveryId).map(old -> add(old.endpointId(), old.eventId(), old.eventType(),
                old.sessionId(), old.requestBody(), now));
    }

    @Override
    public synchronized Optional<WebhookDelivery> sendTest(BusinessId business, String endpointId, Instant now) {
        return find(business, endpointId).map(e -> {
            String eventId = RandomTokens.id("evt_");
            return add(endpointId, eventId, "webhook.test", null,
                    "{\"id\":\"" + eventId + "\",\"type\":\"webhook.test\",\"data\":{\"endpointId\":\"" + endpointId
                            + "\"}}", now);
        });
    }

    /** A delivery as the fan-out makes one. */
    public synchronized WebhookDelivery add(String endpointId, String eventId, String eventType, String sessionId,
            String body, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery(RandomTokens.id(WebhookDelivery.ID_PREFIX), endpointId,
                eventId, eventType, sessionId, WebhookDelivery.Status.PENDING, 0, endpoints.get(endpointId).url(),
                body, null, null, null, now, now);
        deliveries.add(delivery);
        return delivery;
    }

    @Override
    public boolean allows(URI url) {
        return !"private.example".equals(url.getHost());
    }

    @Override
    public boolean allowsHttp() {
        return false;
    }
}
