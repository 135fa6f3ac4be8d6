package dev.sluice.domain.session;

/**
 * A create-session request as the caller sent it, before any rule was applied. Fields the
 * caller left out are {@code null}; {@code metadataJson} is the compact form of the JSON
 * object the caller sent.
 */
public record SessionDraft(
        String amount,
        String currency,
        String network,
        String currencyAddress,
        String depositAddress,
        String customerEmail,
        String customerReference,
        String metadataJson) {
}
