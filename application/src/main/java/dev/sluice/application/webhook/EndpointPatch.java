package dev.sluice.application.webhook;

import java.util.List;

/**
 * The fields of update-endpoint: null when absent, except {@code description}, which may be set to
 * null ({@code descriptionSet} tells the two apart).
 */
public record EndpointPatch(String url, boolean descriptionSet, String description, List<String> events,
        Boolean enabled) {
}
