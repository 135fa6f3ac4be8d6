package dev.sluice.adapters.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How business and processor JWTs are checked.
 *
 * @param jwks the JWK set: a file path or an {@code https://} URL
 * @param issuer the required {@code iss}
 * @param audience the required {@code aud} (one of the token's audiences)
 * @param algorithms the accepted {@code alg} values, a subset of RS256/384/512 and ES256/384/512
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 */
public record JwtSettings(String jwks, String issuer, String audience, Set<String> algorithms, Duration clockSkew) {
    static final Set<String> SUPPORTED = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512");

    public JwtSettings {
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (jwks.isBlank() || (jwks.contains("://") && !jwks.startsWith("https://"))) {
            throw new IllegalArgumentException("the JWK set must be a file path or an https URL: " + jwks);
        }
        if (algorithms.isEmpty() || !SUPPORTED.containsAll(algorithms)) {
            throw new IllegalArgumentException("JWT algorithms must be among " + SUPPORTED + ": " + algorithms);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("the JWT clock skew must not be negative");
        }
    }

    /** RS256 and ES256 with the contract's 60 s skew. */
    public static JwtSettings of(String jwks, String issuer, String audience) {
        return new JwtSettings(jwks, issuer, audience, Set.of("RS256", "ES256"), Duration.ofSeconds(60));
    }
}
