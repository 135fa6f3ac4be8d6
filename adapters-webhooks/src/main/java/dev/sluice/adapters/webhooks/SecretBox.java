package dev.sluice.adapters.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets at rest: AES-256-GCM under the key of {@code SLUICE_SECRETS_KEY}, a fresh 12-byte
 * nonce per encryption stored in front of the ciphertext. The endpoint id is the associated data,
 * so a ciphertext copied onto another endpoint's row does not decrypt.
 */
final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    byte[] seal(SigningSecret secret, String endpointId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, endpointId, secret.utf8(), 0);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    SigningSecret open(byte[] stored, String endpointId) {
        byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
        byte[] text = run(Cipher.DECRYPT_MODE, nonce, endpointId, stored, NONCE_BYTES);
        return new SigningSecret(new String(text, StandardCharsets.UTF_8));
    }

    private byte[] run(int mode, byte[] nonce, String endpointId, byte[] input, int offset) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input, offset, input.length - offset);
        } catch (GeneralSecurityException e) {
            // a wrong SLUICE_SECRETS_KEY, or a tampered row: never a secret in the message
            throw new IllegalStateException("a signing secret could not be decrypted: " + e.getClass().getSimpleName());
        }
    }
}
