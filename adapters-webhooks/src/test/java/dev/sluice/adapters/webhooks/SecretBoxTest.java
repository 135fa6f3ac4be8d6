package dev.sluice.adapters.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final byte[] KEY = new byte[32];
    private final SecretBox box = new SecretBox(KEY);
    private final SigningSecret secret = SigningSecret.generate();

    @Test
    void aSealedSecretOpensToItselfOnItsOwnEndpoint() {
        assertEquals(secret, box.open(box.seal(secret, "wh_a"), "wh_a"));
    }

    @Test
    void theStoredBytesNeitherContainTheSecretNorRepeat() {
        byte[] sealed = box.seal(secret, "wh_a");

        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(secret.text().substring(6, 20)));
        assertFalse(Arrays.equals(sealed, box.seal(secret, "wh_a")), "a fresh nonce per encryption");
    }

    @Test
    void anotherEndpointsRowAnotherKeyOrATamperedByteDoNotOpen() {
        byte[] sealed = box.seal(secret, "wh_a");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertThrows(IllegalStateException.class, () -> box.open(sealed, "wh_b"));
        assertThrows(IllegalStateException.class, () -> box.open(tampered, "wh_a"));
        assertThrows(IllegalStateException.class, () -> new SecretBox(otherKey).open(sealed, "wh_a"));
        
    }

    @Test
    void theKeyIsAes256() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
    }
}
