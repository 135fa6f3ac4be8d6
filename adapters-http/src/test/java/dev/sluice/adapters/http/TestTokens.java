package dev.sluice.adapters.http;

import dev.sluice.application.fakes.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test keys (an RSA and an EC P-256 pair, generated per run), their JWK set in a temporary file,
 * and hand-made JWS compact tokens: valid ones, and the hostile ones a verifier must refuse.
 */
final class TestTokens {
    static final String ISSUER = "sluice-test";
    static final String AUDIENCE = "sluice";
    static final String RSA_KID = "rsa-1";
    static final String EC_KID = "ec-1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair rsa;
    private final KeyPair ec;
    private final Path jwks;
    private final TestClock clock;

    private TestTokens(KeyPair rsa, KeyPair ec, Path jwks, TestClock clock) {
        this.rsa = rsa;
        this.ec = ec;
        this.jwks = jwks;
        this.clock = clock;
    }

    static TestTokens create(TestClock clock) {
        try {
            KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
            rsaGenerator.initialize(2048);
            KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
            ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair rsa = rsaGenerator.generateKeyPair();
            KeyPair ec = ecGenerator.generateKeyPair();
            Path jwks = Files.createTempFile("sluice-jwks", ".json");
            jwks.toFile().deleteOnExit();
            TestTokens tokens = new TestTokens(rsa, ec, jwks, clock);
            tokens.writeJwks(List.of(tokens.rsaJwk(RSA_KID), tokens.ecJwk()));
            return tokens;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JwtSettings settings() {
        return JwtSettings.of(jwks.toString(), ISSUER, AUDIENCE);
    }

    /** Publishes the RSA public key under one more kid, as an identity provider rotating keys would. */
    void publishRsaKeyAlsoAs(String kid) {
        writeJwks(List.of(rsaJwk(RSA_KID), ecJwk(), rsaJwk(kid)));
    }

    /** A valid RS256 business-user token for the given businesses. */
    String business(String... businesses) {
        return rs256(claims(List.of(businesses), ""));
    }

    /** A valid token of the chain watcher: scope {@code deposits:observe}. */
    String processor() {
        return rs256(claims(List.of(), "deposits:observe"));
    }

    Map<String, Object> claims(List<String> businesses, String scope) {
        Map<String, Object> claims = new LinkedHashMap<>();
        Instant now = clock.instant();
        claims.put("sub", "user_1");
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(600).getEpochSecond());
        claims.put("businesses", businesses);
        if (!scope.isEmpty()) {
            claims.put("scope", scope);
        }
        return claims;
    }

    String rs256(Map<String, Object> claims) {
        return signed(header("RS256", RSA_KID), claims, "SHA256withRSA", rsa.getPrivate());
    }

    String rs256WithKid(String kid, Map<String, Object> claims) {
        return signed(header("RS256", kid), claims, "SHA256withRSA", rsa.getPrivate());
    }

    /** A validly signed RS256 token whose header also names {@code crit} extensions. */
    String rs256WithCritical(List<String> critical, Map<String, Object> claims) {
        Map<String, Object> header = header("RS256", RSA_KID);
        header.put("crit", critical);
        critical.forEach(name -> header.put(name, true));
        return signed(header, claims, "SHA256withRSA", rsa.getPrivate());
    }

    String es256(Map<String, Object> claims) {
        return signed(header("ES256", EC_KID), claims, "SHA256withECDSAinP1363Format", ec.getPrivate());
    }

    /** {@code alg: none} with an empty signature. */
    String unsigned(Map<String, Object> claims) {
        return encode(header("none", RSA_KID)) + "." + encode(claims) + ".";
    }

    /** The classic key-confusion attack: HS256 keyed with the bytes of the RSA public key. */
    String hs256WithPublicKey(Map<String, Object> claims) {
        String input = encode(header("HS256", RSA_KID)) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rsa.getPublic().getEncoded(), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A validly signed token whose payload was then swapped for another. */
    String tampered(Map<String, Object> signedClaims, Map<String, Object> swappedClaims) {
        String[] parts = rs256(signedClaims).split("\\.");
        return parts[0] + "." + encode(swappedClaims) + "." + parts[2];
    }

    private static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", kid);
        return header;
    }

    private static String signed(Map<String, Object> header, Map<String, Object> claims, String jcaAlgorithm,
            PrivateKey key) {
        String input = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, Object> json) {
        return B64.encodeToString(JsonIo.MAPPER.writeValueAsBytes(json));
    }

    private ObjectNode rsaJwk(String kid) {
        RSAPublicKey key = (RSAPublicKey) rsa.getPublic();
        return JsonIo.object().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent()));
    }

    private ObjectNode ecJwk() {
        ECPublicKey key = (ECPublicKey) ec.getPublic();
        return JsonIo.object().put("kty", "EC").put("kid", EC_KID).put("use", "sig").put("alg", "ES256")
                .put("crv", "P-256")
                .put("x", coordinate(key.getW().getAffineX())).put("y", coordinate(key.getW().getAffineY()));
    }

    private void writeJwks(List<ObjectNode> keys) {
        ObjectNode set = JsonIo.object();
        keys.forEach(set.putArray("keys")::add);
        try {
            Files.writeString(jwks, JsonIo.MAPPER.writeValueAsString(set));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    /** P-256 coordinates are exactly 32 bytes, left-padded. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return B64.encodeToString(fixed);
    }
}
