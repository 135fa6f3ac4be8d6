package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.domain.widget.BusinessId;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtHeaders;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a bearer JWT the RFC 8725 way: the algorithm must be on the allow-list and match
 * the key the {@code kid} names (the token never chooses how it is checked), the signature must
 * hold, {@code exp} is required, {@code nbf}/{@code iat} are honoured with skew, and
 * {@code iss}/{@code aud} must be ours. Any failure is the same 401 to the caller.
 */
final class BearerTokens {
    static final String BUSINESSES_CLAIM = "businesses";
    static final String SCOPE_CLAIM = "scope";
    private static final String CRITICAL = "crit";

    private final JwtSettings settings;
    private final JwkSetSource keys;
    private final Clock clock;

    BearerTokens(JwtSettings settings, JwkSetSource keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
    }

    Caller.BusinessUser verify(String token) {
        try {
            JwtHeaders headers = JwtHeaders.parseToken(token);
            if (headers.headerClaim(CRITICAL).isPresent()) {
                // RFC 7515 4.1.11: extensions named critical must be understood, and Sluice understands none
                throw invalid();
            }
            SignedJwt signed = SignedJwt.parseToken(headers, token);
            Jwt jwt = signed.getJwt();
            String algorithm = jwt.algorithm().filter(settings.algorithms()::contains).orElseThrow(BearerTokens::invalid);
            Jwk key = jwt.keyId().flatMap(keys::forKeyId).orElseThrow(BearerTokens::invalid);
            if (!algorithm.equals(key.algorithm()) || !keyType(algorithm).equals(key.keyType())
                    || !key.verifySignature(signed.getSignedBytes(), signed.getSignature())) {
                throw invalid();
            }
            checkTimes(jwt);
            if (!jwt.issuer().filter(settings.issuer()::equals).isPresent()
                    || !jwt.audience().filter(a -> a.contains(settings.audience())).isPresent()) {
                throw invalid();
            }
            String subject = jwt.subject().filter(s -> !s.isBlank()).orElseThrow(BearerTokens::invalid);
            return new Caller.BusinessUser(subject, businesses(jwt), scopes(jwt));
        } catch (HttpProblem e) {
            throw e;
        } catch (RuntimeException e) {
            // malformed base64, JSON or claim types: to the caller just another invalid token
            throw invalid();
        }
    }

    private void checkTimes(Jwt jwt) {
        Instant now = clock.instant();
        Instant latest = now.plus(settings.clockSkew());
        Instant earliest = now.minus(settings.clockSkew());
        Instant expires = jwt.expirationTime().orElseThrow(BearerTokens::invalid);
        if (!expires.isAfter(earliest)
                || jwt.notBefore().filter(nbf -> nbf.isAfter(latest)).isPresent()
                || jwt.issueTime().filter(iat -> iat.isAfter(latest)).isPresent()) {
            throw invalid();
        }
    }

    private static Set<BusinessId> businesses(Jwt jwt) {
        Optional<JsonValue> claim = jwt.payloadClaim(BUSINESSES_CLAIM);
        if (claim.isEmpty()) {
            return Set.of();
        }
        Set<BusinessId> ids = new HashSet<>();
        for (JsonValue value : (JsonArray) claim.get()) {
            ids.add(new BusinessId(((JsonString) value).getString()));
        }
        return ids;
    }

    private static Set<String> scopes(Jwt jwt) {
        return jwt.payloadClaim(SCOPE_CLAIM)
                .map(v -> ((JsonString) v).getString().trim())
                .filter(s -> !s.isEmpty())
                .map(s -> Set.copyOf(Arrays.asList(s.split(" +"))))
                .orElse(Set.of());
    }

    private static String keyType(String algorithm) {
        return algorithm.startsWith("ES") ? Jwk.KEY_TYPE_EC : Jwk.KEY_TYPE_RSA;
    }

    private static HttpProblem invalid() {
        return HttpProblem.invalidToken();
    }
}
