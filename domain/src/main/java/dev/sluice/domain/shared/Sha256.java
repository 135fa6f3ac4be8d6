package dev.sluice.domain.shared;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of bytes, from a digest looked up once and cloned for each use: a digest is not safe for
 * concurrent use, and {@link MessageDigest#getInstance} on every request (the widget secret's
 * check) was a sixtieth of Sluice's CPU under load.
 */
public final class Sha256 {
    private static final MessageDigest PROTOTYPE = prototype();

    private Sha256() {
    }

    public static byte[] of(byte[] input) {
        try {
            return ((MessageDigest) PROTOTYPE.clone()).digest(input);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("cloned once when looked up", e);
        }
    }

    private static MessageDigest prototype() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.clone();
            return digest;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's SHA-256 cannot be looked up once and cloned", e);
        }
    }
}
