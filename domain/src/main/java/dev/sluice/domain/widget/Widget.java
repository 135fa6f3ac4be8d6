package dev.sluice.domain.widget;

import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.shared.SecretHash;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A merchant's payment widget. Its client secret is issued once and kept only as a hash; a
 * deleted widget accepts nothing, but its sessions live on.
 */
public final class Widget {
    static final String SECRET_PREFIX = "wdgt_secret_";

    private final WidgetId id;
    private final BusinessId businessId;
    private final WidgetSettings settings;
    private final boolean enabled;
    private final SecretHash secretHash;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant deletedAt;
    private final long version;

    private Widget(WidgetId id, BusinessId businessId, WidgetSettings settings, boolean enabled,
            SecretHash secretHash, Instant createdAt, Instant updatedAt, Instant deletedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.businessId = Objects.requireNonNull(businessId, "businessId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.enabled = enabled;
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.deletedAt = deletedAt;
        this.version = version;
    }

    /** A widget and the plaintext secret that the caller sees exactly once. */
    public record Issued(Widget widget, String clientSecret) {
    }

    public static Issued create(BusinessId businessId, WidgetSettings settings, Instant now) {
        String secret = RandomTokens.secret(SECRET_PREFIX);
        Widget widget = new Widget(WidgetId.generate(), businessId, settings, true,
                SecretHash.of(secret), now, now, null, 0);
        return new Issued(widget, secret);
    }

    public static Widget restore(WidgetId id, BusinessId businessId, WidgetSettings settings, boolean enabled,
            SecretHash secretHash, Instant createdAt, Instant updatedAt, Instant deletedAt, long version) {
        return new Widget(id, businessId, settings, enabled, secretHash, createdAt, updatedAt, deletedAt, version);
    }

    public Widget reconfigure(WidgetSettings newSettings, boolean nowEnabled, Instant now) {
        return new Widget(id, businessId, newSettings, nowEnabled, secretHash, createdAt, now, deletedAt, version);
    }

    public Issued rotateSecret(Instant now) {
        String secret = RandomTokens.secret(SECRET_PREFIX);
        return new Issued(new Widget(id, businessId, settings, enabled, SecretHash.of(secret),
                createdAt, now, deletedAt, version), secret);
    }

    public Widget delete(Instant now) {
        return new Widget(id, businessId, settings, enabled, secretHash, createdAt, now, now, version);
    }

    public boolean acceptsSecret(String presented) {
        return secretHash.matches(presented);
    }

    /**
     * Whether a browser page on {@code host} may use this widget: any host when the widget lists
     * no domains, else an exact match or a {@code *.example.com} entry covering a subdomain.
     */
    public boolean allowsOrigin(String host) {
        List<String> domains = settings.allowedDomains();
        if (domains.isEmpty()) {
            return true;
        }
        String candidate = host.toLowerCase(Locale.ROOT);
        return domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).anyMatch(domain -> domain.startsWith("*.")
                ? candidate.endsWith(domain.substring(1)) && candidate.length() > domain.length() - 1
                : candidate.equals(domain));
    }

    public boolean isOwnedBy(BusinessId business) {
        return businessId.equals(business);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public WidgetId id() {
        return id;
    }

    public BusinessId businessId() {
        return businessId;
    }

    public WidgetSettings settings() {
        return settings;
    }

    public boolean enabled() {
        return enabled;
    }

    public SecretHash secretHash() {
        return secretHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    /** The stored version this state was read at, for optimistic locking. */
    public long version() {
        return version;
    }
}
