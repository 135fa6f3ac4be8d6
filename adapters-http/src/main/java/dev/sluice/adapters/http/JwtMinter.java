package dev.sluice.adapters.http;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mints tokens that {@link HttpApi} accepts, from a private key in JWK form: for the embedded
 * default's {@code token} command and for tests. {@link #generateKeys} makes an ES256 (P-256) key
 * and the matching public JWK set to configure as {@link JwtSettings#jwks()}; P-256 rather than
 * RSA because generating an RSA-2048 key costs the first start of Sluice about half a second.
 * RS256 keys (dev keys of earlier versions) still sign.
 */
public final class JwtMinter {
    /** The key type each signing algorithm needs. */
    private static final Map<String, String> KEY_TYPES = Map.of("ES256", Jwk.KEY_TYPE_EC, "RS256", Jwk.KEY_TYPE_RSA);
    private static final int P256_VALUE_BYTES = 32;

    private final Jwk key;

    private JwtMinter(Jwk key) {
        this.key = key;
    }

    /** A private key (as JSON text) and the JWK set (as JSON text) that verifies its tokens. */
    public record Keys(String privateJwk, String publicJwkSet) {
    }

    /**
     * What a token says.
     *
     * @param businesses the {@code businesses} claim: ids of the businesses the user belongs to
     * @param scopes joined with spaces into the {@code scope} claim
     */
    public record Claims(String subject, List<String> businesses, List<String> scopes, String issuer,
            String audience, Instant issuedAt, Instant expiresAt) {
        public Claims {
            Objects.requireNonNull(subject, "subject");
            businesses = List.copyOf(businesses);
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    public static JwtMinter fromPrivateJwk(String privateJwkJson) {
        try (JsonReader reader = Json.createReader(new StringReader(privateJwkJson))) {
            Jwk key = Jwk.create(reader.readObject());
            if (key.algorithm() == null || !key.keyType().equals(KEY_TYPES.get(key.algorithm()))) {
                throw new IllegalArgumentException("the signing key must be an ES256 EC key or an RS256 RSA key");
            }
            return new JwtMinter(key);
        }
    }

    public static Keys generateKeys(String keyId) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has P-256", e);
        }
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
        ObjectNode publicJwk = JsonIo.object()
                .put("kty", "EC").put("kid", keyId).put("use", "sig").put("alg", "ES256").put("crv", "P-256")
                .put("x", base64(pub.getW().getAffineX())).put("y", base64(pub.getW().getAffineY()));
        ObjectNode privateJwk = publicJwk.deepCopy().put("d", base64(priv.getS()));
        ObjectNode set = JsonIo.object();
        set.putArray("keys").add(publicJwk);
        return new Keys(JsonIo.MAPPER.writeValueAsString(privateJwk), JsonIo.MAPPER.writeValueAsString(set));
    }

    /** The signed token in JWS compact serialization. */
    public String mint(Claims claims) {
        Jwt.Builder jwt = Jwt.builder()
                .algorithm(key.algorithm())
                .keyId(key.keyId())
                .type("JWT")
                .subject(claims.subject())
                .issuer(claims.issuer())
                .audience(List.of(claims.audience()))
                .issueTime(claims.issuedAt())
                .expirationTime(claims.expiresAt())
                .addPayloadClaim(BearerTokens.BUSINESSES_CLAIM, claims.businesses());
        if (!claims.scopes().isEmpty()) {
            jwt.addPayloadClaim(BearerTokens.SCOPE_CLAIM, String.join(" ", claims.scopes()));
        }
        return SignedJwt.sign(jwt.build(), key).tokenContent();
    }

    /** A P-256 value as RFC 7518 wants it: exactly 32 big-endian bytes, left-padded. */
    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[P256_VALUE_BYTES];
        int length = Math.min(bytes.length, P256_VALUE_BYTES);
        System.arraycopy(bytes, bytes.length - length, fixed, P256_VALUE_BYTES - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
