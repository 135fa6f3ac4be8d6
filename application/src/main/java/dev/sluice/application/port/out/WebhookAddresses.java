package dev.sluice.application.port.out;

import java.net.URI;

/**
 * Whether a webhook URL may be called: its host must resolve, and (unless private networks are
 * allowed) to public addresses only.
 */
public interface WebhookAddresses {
    boolean allows(URI url);

    /** Whether plain {@code http} URLs are accepted (only where private networks are). */
    boolean allowsHttp();
}
