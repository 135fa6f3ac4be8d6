package dev.sluice.application.service;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.CreateWebhookEndpoint;
import dev.sluice.application.port.in.DeleteWebhookEndpoint;
import dev.sluice.application.port.in.GetWebhookEndpoint;
import dev.sluice.application.port.in.ListWebhookEndpoints;
import dev.sluice.application.port.in.RotateWebhookSecret;
import dev.sluice.application.port.in.SendTestWebhook;
import dev.sluice.application.port.in.UpdateWebhookEndpoint;
import dev.sluice.application.port.out.Clock;
import dev.sluice.application.port.out.WebhookAddresses;
import dev.sluice.application.port.out.WebhookDeliveries;
import dev.sluice.application.port.out.WebhookEndpoints;
import dev.sluice.application.webhook.EndpointDraft;
import dev.sluice.application.webhook.EndpointPatch;
import dev.sluice.application.webhook.EndpointRules;
import dev.sluice.application.webhook.WebhookDelivery;
import dev.sluice.application.webhook.WebhookEndpoint;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.shared.Violations;
import dev.sluice.domain.widget.BusinessId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A business manages its webhook endpoints: the contract's field rules, the limit of 10, private
 * networks refused at registration, and another tenant's endpoint reported as not found.
 */
public final class WebhookEndpointsService implements CreateWebhookEndpoint, ListWebhookEndpoints,
        GetWebhookEndpoint, UpdateWebhookEndpoint, DeleteWebhookEndpoint, RotateWebhookSecret, SendTestWebhook {
    /** How long the previous secret keeps signing after a rotation. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookAddresses addresses;
    private final Clock clock;

    public WebhookEndpointsService(WebhookEndpoints endpoints, WebhookDeliveries deliveries,
            WebhookAddresses addresses, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Override
    public WebhookEndpoint.Issued create(Caller caller, String businessId, EndpointDraft draft,
            List<Violation> parseViolations) {
        BusinessId business = Access.requireMember(caller, businessId);
        Violations violations = new Violations().addAll(parseViolations);
        if (!violations.hasField("url")) {
            checkUrl(draft.url(), violations);
        }
        if (!violations.hasField("description")) {
            EndpointRules.checkDescription(draft.description(), violations);
        }
        if (!violations.hasFieldOrPart("events")) {
            EndpointRules.checkEvents(draft.events(), violations);
        }
        violations.throwIfAny();
        return endpoints.create(business, draft, EndpointRules.MAX_ENDPOINTS, clock.now())
                .orElseThrow(() -> new DomainException(ErrorCode.ENDPOINT_LIMIT_REACHED,
                        "a business has at most " + EndpointRules.MAX_ENDPOINTS + " webhook endpoints"));
    }

    @Override
    public List<WebhookEndpoint> list(Caller caller, String businessId) {
        return endpoints.list(Access.requireMember(caller, businessId));
    }

    @Override
    public WebhookEndpoint get(Caller caller, String businessId, String endpointId) {
        return endpoints.find(Access.requireMember(caller, businessId), endpointId).orElseThrow(WebhookEndpointsService::notFound);
    }

    @Override
    public WebhookEndpoint update(Caller caller, String businessId, String endpointId, EndpointPatch patch,
            List<Violation> parseViolations) {
        BusinessId business = Access.requireMember(caller, businessId);
        endpoints.find(business, endpointId).orElseThrow(WebhookEndpointsService::notFound);
        Violations violations = new Violations().addAll(parseViolations);
        if (patch.url() != null && !violations.hasField("url")) {
            checkUrl(patch.url(), violations);
        }
        if (patch.descriptionSet() && !violations.hasField("description")) {
            EndpointRules.checkDescription(patch.description(), violations);
        }
        if (patch.events() != null && !violations.hasFieldOrPart("events")) {
            EndpointRules.checkEvents(patch.events(), violations);
        }
        violations.throwIfAny();
        return endpoints.update(business, endpointId, patch, clock.now()).orElseThrow(WebhookEndpointsService::notFound);
    }

    @Override
    public void delete(Caller caller, String businessId, String endpointId) {
        if (!endpoints.delete(Access.requireMember(caller, businessId), endpointId, clock.now())) {
            throw notFound();
        }
    }

    @Override
    public String rotate(Caller caller, String businessId, String endpointId) {
        Instant now = clock.now();
        return endpoints.rotateSecret(Access.requireMember(caller, businessId), endpointId, now,
                now.plus(ROTATION_OVERLAP)).orElseThrow(WebhookEndpointsService::notFound);
    }

    @Override
    public WebhookDelivery sendTest(Caller caller, String businessId, String endpointId) {
        return deliveries.sendTest(Access.requireMember(caller, businessId), endpointId, clock.now())
                .orElseThrow(WebhookEndpointsService::notFound);
    }

    /** The contract's URL rules, then the addresses its host resolves to. */
    private void checkUrl(String url, Violations violations) {
        Violations found = new Violations();
        EndpointRules.checkUrl(url, addresses.allowsHttp(), found);
        if (found.asList().isEmpty() && !addresses.allows(URI.create(url))) {
            found.add("url", "not_allowed", "must resolve to a public address");
        }
        violations.addAll(found.asList());
    }

    private static DomainException notFound() {
        return DomainException.notFound("webhook endpoint");
    }
}
