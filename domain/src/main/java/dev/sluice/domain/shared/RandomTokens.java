package dev.sluice.domain.shared;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers and secrets: 128 random bits for ids, 256 for secrets. */
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

    /** {@code prefix} followed by 256 random bits in URL-safe Base64. */
    public static String secret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + ENCODER.encodeToString(bytes);
    }
}
