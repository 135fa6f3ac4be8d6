package dev.sluice.domain.shared;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable identifiers and secrets: 128 random bits for ids, 256 for secrets, and for the ids of
 * rows written by the thousand (sessions, events) the millisecond they were made followed by 80
 * random bits.
 */
public final class RandomTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RandomTokens() {
    }

    /** {@code prefix} followed by 32 lowercase hex digits (128 random bits). */
    public static String id(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder text = new StringBuilder(prefix.length() + 32).append(prefix);
        for (byte b : bytes) {
            text.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return text.toString();
    }

    /**
     * {@code prefix} followed by 32 lowercase hex digits: the current millisecond (48 bits), then 80
     * random bits, as in a version-7 UUID. New rows then land at the end of their table's primary
     * key instead of on a random page of it: once a table outgrows the database's memory, a random
     * key costs a page read per insert. 80 random bits leave an id as unguessable as ever; what it
     * tells besides is its creation time, which the API shows anyway.
     */
    public static String orderedId(String prefix) {
        return orderedId(prefix, System.currentTimeMillis());
    }

    static String orderedId(String prefix, long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        StringBuilder text = new StringBuilder(prefix.length() + 32).append(prefix);
        for (int shift = 44; shift >= 0; shift -= 4) {
            text.append(HEX[(int) (epochMillis >>> shift) & 0xf]);
        }
        for (byte b : random) {
            text.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return text.toString();
    }

    /** {@code prefix} followed by 256 random bits in URL-safe Base64. */
    public static String secret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + ENCODER.encodeToString(bytes);
    }
}
