package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.application.port.in.Caller;
import dev.sluice.domain.widget.Widget;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ServerTest
class JwtAuthenticationTest {
    private static final TestApp APP = new TestApp();
    private static final String WIDGETS = "/api/v1/businesses/biz_a/widgets";

    private final Http http;

    JwtAuthenticationTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private static Map<String, Object> valid() {
        return APP.tokens.claims(List.of("biz_a"), "");
    }

    private static Map<String, Object> with(String claim, Object value) {
        Map<String, Object> claims = valid();
        if (value == null) {
            claims.remove(claim);
        } else {
            claims.put(claim, value);
        }
        return claims;
    }

    static Stream<Arguments> hostileTokens() {
        long now = APP.clock.instant().getEpochSecond();
        Map<String, Function<TestTokens, String>> table = Map.ofEntries(
                Map.entry("alg none", t -> t.unsigned(valid())),
                Map.entry("HS256 keyed with the RSA public key", t -> t.hs256WithPublicKey(valid())),
                Map.entry("expired beyond the skew", t -> t.rs256(with("exp", now - 61))),
                Map.entry("nbf beyond the skew", t -> t.rs256(with("nbf", now + 120))),
                Map.entry("iat in the future", t -> t.rs256(with("iat", now + 120))),
                Map.entry("wrong iss", t -> t.rs256(with("iss", "someone-else"))),
                Map.entry("wrong aud", t -> t.rs256(with("aud", "another-api"))),
                Map.entry("unknown kid", t -> t.rs256WithKid("nobody", valid())),
                Map.entry("tampered payload", t -> t.tampered(with("businesses", List.of("biz_b")), valid())),
                Map.entry("crit header (RFC 7515)", t -> t.rs256WithCritical(List.of("exp-ext"), valid())),
                Map.entry("missing exp", t -> t.rs256(with("exp", null))),
                Map.entry("missing sub", t -> t.rs256(with("sub", null))),
                Map.entry("businesses not an array", t -> t.rs256(with("businesses", "biz_a"))),
                Map.entry("garbage", t -> "not-a-jwt"),
                Map.entry("three garbage parts", t -> "a.b.c"));
        return table.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void aHostileTokenIs401WithABearerChallenge(String name, Function<TestTokens, String> token) {
        Http.Reply reply = http.get(WIDGETS).bearer(token.apply(APP.tokens)).send();

        assertEquals(401, reply.status(), name + ": " + reply.body());
        assertEquals("unauthorized", reply.code());
        assertEquals("Bearer error=\"invalid_token\"", reply.header("WWW-Authenticate"));
    }

    @Test
    void anEmptyBearerIs401() {
        Http.Reply reply = http.get(WIDGETS).header("Authorization", "Bearer ").send();

        assertEquals(401, reply.status());
        assertEquals("Bearer error=\"invalid_token\"", reply.header("WWW-Authenticate"));
    }

    @Test
    void anotherAuthorizationSchemeIs401() {
        Http.Reply reply = http.get(WIDGETS).header("Authorization", "Basic dXNlcjpwYXNz").send();

        assertEquals(401, reply.status());
    }

    @Test
    void rs256AndEs256TokensAreAccepted() {
        assertEquals(200, http.get(WIDGETS).bearer(APP.tokens.rs256(valid())).send().status());
        assertEquals(200, http.get(WIDGETS).bearer(APP.tokens.es256(valid())).send().status());
    }

    @Test
    void timesWithinTheSkewAreAccepted() {
        long now = APP.clock.instant().getEpochSecond();
        Map<String, Object> claims = with("exp", now - 30);
        claims.put("nbf", now + 30);
        claims.put("iat", now + 30);

        assertEquals(200, http.get(WIDGETS).bearer(APP.tokens.rs256(claims)).send().status());
    }

    @Test
    void anAudienceArrayContainingOursIsAccepted() {
        Http.Reply reply = http.get(WIDGETS).bearer(APP.tokens.rs256(with("aud", List.of("other", "sluice")))).send();

        assertEquals(200, reply.status(), reply.body());
    }

    @Test
    void aTokenMintedByJwtMinterIsAccepted() {
        var user = mintAndVerify(JwtMinter.generateKeys("dev-1"));

        assertEquals("dev", user.subject());
        assertEquals(true, user.isMemberOf(new dev.sluice.domain.widget.BusinessId("biz_demo")));
        assertEquals(true, user.hasScope("deposits:observe"));
    }

    /** A data directory from before the ES256 dev keys holds an RS256 key; `token` must keep working with it. */
    @Test
    void anRs256DevKeyStillMintsAcceptedTokens() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        var publicJwk = JsonIo.object().put("kty", "RSA").put("kid", "dev-rsa").put("use", "sig").put("alg", "RS256")
                .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent()));
        var privateJwk = publicJwk.deepCopy().put("d", unsigned(key.getPrivateExponent()))
                .put("p", unsigned(key.getPrimeP())).put("q", unsigned(key.getPrimeQ()))
                .put("dp", unsigned(key.getPrimeExponentP())).put("dq", unsigned(key.getPrimeExponentQ()))
                .put("qi", unsigned(key.getCrtCoefficient()));
        var set = JsonIo.object();
        set.putArray("keys").add(publicJwk);

        var user = mintAndVerify(new JwtMinter.Keys(JsonIo.MAPPER.writeValueAsString(privateJwk),
                JsonIo.MAPPER.writeValueAsString(set)));

        assertEquals("dev", user.subject());
    }

    private static Caller.BusinessUser mintAndVerify(JwtMinter.Keys keys) {
        java.nio.file.Path jwks = writeTemp(keys.publicJwkSet());
        String token = JwtMinter.fromPrivateJwk(keys.privateJwk()).mint(new JwtMinter.Claims("dev", List.of("biz_demo"),
                List.of("deposits:observe"), "sluice-dev", "sluice", Instant.now(), Instant.now().plusSeconds(3600)));
        BearerTokens tokens = new BearerTokens(JwtSettings.of(jwks.toString(), "sluice-dev", "sluice"),
                new JwkSetSource(jwks.toString(), java.time.Clock.systemUTC()), java.time.Clock.systemUTC());
        return tokens.verify(token);
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    @Test
    void anUnknownKidReloadsTheKeySetAtMostOnceAMinute() {
        String rotatedToken = APP.tokens.rs256WithKid("rsa-2", valid());
        APP.clock.advance(Duration.ofMinutes(2));
        assertEquals(401, http.get(WIDGETS).bearer(APP.tokens.rs256WithKid("rsa-0", valid())).send().status());

        APP.tokens.publishRsaKeyAlsoAs("rsa-2");
        int withinTheMinute = http.get(WIDGETS).bearer(rotatedToken).send().status();
        APP.clock.advance(Duration.ofSeconds(61));
        int afterTheMinute = http.get(WIDGETS).bearer(APP.tokens.rs256WithKid("rsa-2", valid())).send().status();

        assertEquals(401, withinTheMinute);
        assertEquals(200, afterTheMinute);
    }

    @Test
    void whenAuthorizationIsPresentItAloneDecides() {
        Widget.Issued widget = APP.widget("biz_a");
        String config = "/api/v1/widgets/" + widget.widget().id().value() + "/config";

        Http.Reply badBearerGoodSecret = http.get(config).bearer("garbage").secret(widget.clientSecret()).send();
        Http.Reply goodSecretAlone = http.get(config).secret(widget.clientSecret()).send();

        assertEquals(401, badBearerGoodSecret.status());
        assertEquals(200, goodSecretAlone.status());
    }

    private static java.nio.file.Path writeTemp(String content) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("jwks", ".json");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
