package dev.sluice.adapters.http;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mints RS256 tokens that {@link HttpApi} accepts, from an RSA private key in JWK form: for the
 * embedded default's {@code token} command and for tests. {@link #generateKeys} makes such a key
 * and the matching public JWK set to configure as {@link JwtSettings#jwks()}.
 */
public final class JwtMinter {
    private static final String ALGORITHM = "RS256";

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
            if (!ALGORITHM.equals(key.algorithm()) || !Jwk.KEY_TYPE_RSA.equals(key.keyType())) {
                throw new IllegalArgumentException("the signing key must be an RS256 RSA key");
            }
            return new JwtMinter(key);
        }
    }

    public static Keys generateKeys(String keyId) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has RSA", e);
        }
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();
        ObjectNode publicJwk = JsonIo.object()
                .put("kty", "RSA").put("kid", keyId).put("use", "sig").put("alg", ALGORITHM)
                .put("n", base64(pub.getModulus())).put("e", base64(pub.getPublicExponent()));
        ObjectNode privateJwk = publicJwk.deepCopy()
                .put("d", base64(priv.getPrivateExponent()))
                .put("p", base64(priv.getPrimeP())).put("q", base64(priv.getPrimeQ()))
                .put("dp", base64(priv.getPrimeExponentP())).put("dq", base64(priv.getPrimeExponentQ()))
                .put("qi", base64(priv.getCrtCoefficient()));
        ObjectNode set = JsonIo.object();
        set.putArray("keys").add(publicJwk);
        return new Keys(JsonIo.MAPPER.writeValueAsString(privateJwk), JsonIo.MAPPER.writeValueAsString(set));
    }

    /** The signed token in JWS compact serialization. */
    public String mint(Claims claims) {
        Jwt.Builder jwt = Jwt.builder()
                .algorithm(ALGORITHM)
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

    /** Unsigned big-endian bytes, as RFC 7518 wants JWK integers. */
    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
