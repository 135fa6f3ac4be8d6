package dev.sluice.application.webhook;

import java.util.List;

/** The fields of create-endpoint as sent; null when absent. Checked by {@link EndpointRules}. */
public record EndpointDraft(String url, String description, List<String> events) {
}
