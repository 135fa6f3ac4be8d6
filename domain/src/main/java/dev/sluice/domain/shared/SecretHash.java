package dev.sluice.domain.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What is stored of a random secret: its SHA-256. A secret of 256 random bits needs no slow
 * hash, and comparing digests with {@link MessageDigest#isEqual} takes constant time.
 */
public record SecretHash(String hex) {
    public SecretHash {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 digest has 64 hex digits");
        }
    }

    public static SecretHash of(String secret) {
        return new SecretHash(HexFormat.of().formatHex(digest(secret)));
    }

    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().parseHex(hex), digest(presented));
    }

    private static byte[] digest(String secret) {
        return Sha256.of(secret.getBytes(StandardCharsets.UTF_8));
    }
}
