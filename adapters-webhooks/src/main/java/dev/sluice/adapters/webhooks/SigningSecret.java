package dev.sluice.adapters.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's signing secret, {@code whsec_} and the Base64 of its key. The key signs; the text is
 * what the merchant is shown once and what is stored, encrypted.
 */
record SigningSecret(String text) {
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    SigningSecret {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + PREFIX);
        }
        Base64.getDecoder().decode(text.substring(PREFIX.length()));
    }

    /** A new secret of 32 random bytes. */
    static SigningSecret generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    byte[] key() {
        return Base64.getDecoder().decode(text.substring(PREFIX.length()));
    }

    byte[] utf8() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SigningSecret[whsec_…]";
    }
}
