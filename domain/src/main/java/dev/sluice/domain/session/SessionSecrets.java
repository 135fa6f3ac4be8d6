package dev.sluice.domain.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session client secrets are derived, not stored: HMAC-SHA256 of the session id under a
 * server key. Nothing secret sits in the database, and an idempotent replay can hand out the
 * very secret it issued the first time.
 */
public final class SessionSecrets {
    static final String PREFIX = "dep_secret_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    /**
     * Keyed once and never used itself: each derivation works on a clone, as a {@code Mac} is not
     * safe for concurrent use, and looking the algorithm up and keying it for every session was a
     * thirtieth of Sluice's CPU under load.
     */
    private final Mac keyed;

    public SessionSecrets(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the session secret key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            this.keyed = Mac.getInstance(ALGORITHM);
            keyed.init(new SecretKeySpec(key.clone(), ALGORITHM));
            keyed.clone();
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's " + ALGORITHM + " cannot be keyed once and cloned", e);
        }
    }

    public String secretFor(SessionId session) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(session));
    }

    /** Constant-time comparison of a presented secret with the one derived for {@code session}. */
    public boolean matches(SessionId session, String presented) {
        if (presented == null) {
            return false;
        }
        byte[] expected = secretFor(session).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(SessionId session) {
        try {
            return ((Mac) keyed.clone()).doFinal(session.value().getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("cloned once when keyed", e);
        }
    }
}
