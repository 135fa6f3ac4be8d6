package dev.sluice.application.webhook;

import dev.sluice.domain.shared.TextRules;
import dev.sluice.domain.shared.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The contract's field rules for webhook endpoints; every broken rule is reported at once. */
public final class EndpointRules {
    /** The event types an endpoint may subscribe to: the Events section's seven. */
    public static final List<String> EVENT_TYPES = List.of("deposit.created", "deposit.pending", "deposit.confirmed",
            "deposit.underpaid", "deposit.overpaid", "deposit.failed", "deposit.expired");
    public static final int MAX_ENDPOINTS = 10;
    private static final int MAX_URL = 2048;
    private static final int MAX_DESCRIPTION = 256;

    private EndpointRules() {
    }

    /**
     * {@code url}: an absolute https URL (http too when {@code allowHttp}), with a host, no user
     * information and no fragment.
     */
    public static void checkUrl(String url, boolean allowHttp, Violations violations) {
        if (!TextRules.present(violations, "url", url) || !TextRules.length(violations, "url", url, 1, MAX_URL)) {
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            violations.add("url", "invalid_format", "must be an absolute URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            violations.add("url", "invalid_format", "must be an absolute https URL with a host, without user or fragment");
        } else if (scheme.equals("http") && !allowHttp) {
            violations.add("url", "not_allowed", "must use https");
        }
    }

    public static void checkDescription(String description, Violations violations) {
        if (description != null) {
            TextRules.length(violations, "description", description, 1, MAX_DESCRIPTION);
        }
    }

    public static void checkEvents(List<String> events, Violations violations) {
        if (events == null) {
            violations.add("events", "required", "is required");
            return;
        }
        if (events.isEmpty()) {
            violations.add("events", "too_short", "must list at least one event type");
        } else if (events.size() > EVENT_TYPES.size()) {
            violations.add("events", "too_long", "must list at most " + EVENT_TYPES.size() + " event types");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (!EVENT_TYPES.contains(type)) {
                violations.add("events/" + i, "invalid_value", "must be one of " + String.join(", ", EVENT_TYPES));
            } else if (!seen.add(type)) {
                violations.add("events/" + i, "invalid_value", "is listed twice");
            }
        }
    }
}
