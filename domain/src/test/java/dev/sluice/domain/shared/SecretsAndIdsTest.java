package dev.sluice.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.session.EventId;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.session.SessionSecrets;
import dev.sluice.domain.widget.WidgetId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretsAndIdsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void ids_print_as_their_value() {
        SessionId session = SessionId.generate();
        EventId event = EventId.generate();

        assertEquals(session.value(), session.toString());
        assertEquals(event.value(), event.toString());
    }

    @Test
    void not_found_and_the_codes_read_as_the_contract_writes_them() {
        DomainException missing = DomainException.notFound("widget");

        assertEquals(ErrorCode.NOT_FOUND, missing.code());
        assertEquals("widget not found", missing.getMessage());
        assertEquals("not_found", ErrorCode.NOT_FOUND.code());
        assertEquals("widget_disabled", ErrorCode.WIDGET_DISABLED.code());
    }

    @Test
    void ids_carry_their_prefix_and_32_hex_digits() {
        assertTrue(WidgetId.generate().value().matches("wdgt_[0-9a-f]{32}"));
        assertTrue(SessionId.generate().value().matches("dep_[0-9a-f]{32}"));
        assertTrue(EventId.generate().value().matches("evt_[0-9a-f]{32}"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(SessionId.generate().value()));
        }
    }

    @Test
    void session_and_event_ids_sort_by_the_millisecond_they_were_made_in_and_keep_80_random_bits() {
        long now = 1_780_000_000_000L;
        String earlier = RandomTokens.orderedId("dep_", now);
        String later = RandomTokens.orderedId("dep_", now + 1);

        assertTrue(earlier.compareTo(later) < 0, earlier + " before " + later);
        assertEquals(Long.toHexString(now), earlier.substring(4, 16).replaceFirst("^0+", ""));
        Set<String> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RandomTokens.orderedId("evt_", now);
            assertTrue(id.matches("evt_[0-9a-f]{32}"), id);
            assertTrue(sameMillisecond.add(id));
        }
        assertTrue(SessionId.generate().value().compareTo(later) > 0, "made now, after 2026-05-28");
        assertTrue(EventId.generate().value().compareTo("evt_" + earlier.substring(4)) > 0);
    }

    @Test
    void a_malformed_id_names_nothing() {
        assertEquals(Optional.empty(), SessionId.parse("dep_123"));
        assertEquals(Optional.empty(), SessionId.parse("wdgt_" + "a".repeat(32)));
        assertEquals(Optional.empty(), WidgetId.parse(null));
        assertEquals(Optional.empty(), EventId.parse("evt_" + "A".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> new SessionId("dep_x"));
    }

    @Test
    void an_id_is_its_prefix_and_exactly_32_lowercase_hex_digits() {
        String digits = "0123456789abcdef".repeat(2);
        assertTrue(PrefixedId.isValid("dep_", "dep_" + digits));
        assertFalse(PrefixedId.isValid("dep_", "dep_" + digits.substring(1)));
        assertFalse(PrefixedId.isValid("dep_", "dep_" + digits + "0"));
        assertFalse(PrefixedId.isValid("dep_", "dep_" + digits.replace('a', 'A')));
        assertFalse(PrefixedId.isValid("dep_", "dep_" + digits.replace('f', 'g')));
        assertFalse(PrefixedId.isValid("dep_", "dep_" + digits.replace('0', '/')));
        assertFalse(PrefixedId.isValid("dep_", "evt_" + digits));
        assertFalse(PrefixedId.isValid("dep_", null));
    }

    @Test
    void random_secrets_carry_256_bits() {
        String secret = RandomTokens.secret("wdgt_secret_");
        byte[] random = Base64.getUrlDecoder().decode(secret.substring("wdgt_secret_".length()));
        assertEquals(32, random.length);
        assertNotEquals(secret, RandomTokens.secret("wdgt_secret_"));
    }

    @Test
    void a_secret_hash_matches_only_its_secret_and_does_not_contain_it() {
        SecretHash hash = SecretHash.of("wdgt_secret_abc");
        assertTrue(hash.matches("wdgt_secret_abc"));
        assertFalse(hash.matches("wdgt_secret_abd"));
        assertFalse(hash.matches(null));
        assertFalse(hash.hex().contains("abc"));
        assertEquals(hash, new SecretHash(hash.hex()));
    }

    @Test
    void session_secrets_are_derived_the_same_way_every_time_and_differ_per_session_and_key() {
        SessionSecrets secrets = new SessionSecrets(KEY);
        SessionId session = SessionId.generate();
        String secret = secrets.secretFor(session);
        assertTrue(secret.startsWith("dep_secret_"));
        assertEquals(32, Base64.getUrlDecoder().decode(secret.substring("dep_secret_".length())).length);
        assertEquals(secret, new SessionSecrets(KEY).secretFor(session));
        assertNotEquals(secret, secrets.secretFor(SessionId.generate()));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertNotEquals(secret, new SessionSecrets(otherKey).secretFor(session));
        assertTrue(secrets.matches(session, secret));
        assertFalse(secrets.matches(session, secret.substring(1)));
        assertFalse(secrets.matches(session, null));
    }

    @Test
    void a_session_secret_key_needs_256_bits() {
        assertThrows(IllegalArgumentException.class, () -> new SessionSecrets(new byte[31]));
    }

    @Test
    void secrets_and_digests_made_on_many_threads_at_once_are_each_the_one_made_alone() throws Exception {
        SessionSecrets secrets = new SessionSecrets(KEY);
        List<SessionId> sessions = IntStream.range(0, 2_000).mapToObj(i -> SessionId.generate()).toList();
        Mac alone = Mac.getInstance("HmacSHA256");
        alone.init(new SecretKeySpec(KEY, "HmacSHA256"));
        Map<SessionId, String> expected = new HashMap<>();
        for (SessionId session : sessions) {
            expected.put(session, "dep_secret_" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(alone.doFinal(session.value().getBytes(StandardCharsets.UTF_8))));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (SessionId session : sessions) {
                outcomes.add(threads.submit(() -> secrets.secretFor(session).equals(expected.get(session))
                        && secrets.matches(session, expected.get(session))
                        && SecretHash.of(session.value()).hex().equals(HexFormat.of().formatHex(
                                MessageDigest.getInstance("SHA-256").digest(session.value().getBytes(StandardCharsets.UTF_8))))));
            }
            for (Future<Boolean> outcome : outcomes) {
                assertTrue(outcome.get());
            }
        }
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(Sha256.of("abc".getBytes(StandardCharsets.UTF_8))));
    }
}
