package dev.sluice.adapters.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    // The example of the specification's own libraries (libraries/go/webhook_test.go, TestWebhookSign).
    private static final SigningSecret SPEC_SECRET = new SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSpecificationsExampleSignsToItsPublishedValue() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signatures.header(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(SPEC_SECRET)));
    }

    // the value computed by Python's hmac module, independently of this code
    @Test
    void aCloudEventWithAFixedSecretSignsToAFixedValue() {
        SigningSecret secret = new SigningSecret("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        byte[] body = "{\"specversion\":\"1.0\",\"id\":\"evt_0123456789abcdef0123456789abcdef\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertEquals("v1,bcMdYVuDlI5FY5iQhHOazCkTKuQxLZPdjjnjufW6TEY=",
                Signatures.header("evt_0123456789abcdef0123456789abcdef", 1764412800, body, List.of(secret)));
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() throws Exception {
        SigningSecret current = SigningSecret.generate();
        SigningSecret previous = SigningSecret.generate();
        long now = Instant.now().getEpochSecond();
        String header = Signatures.header("evt_1", now, SPEC_BODY, List.of(current, previous));

        assertEquals(2, header.split(" ").length);
        Map<String, List<String>> headers = Map.of("webhook-id", List.of("evt_1"),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(header));
        String body = new String(SPEC_BODY, StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> new Webhook(current.text()).verify(body, headers));
        assertDoesNotThrow(() -> new Webhook(previous.text()).verify(body, headers));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(SigningSecret.generate().text()).verify(body, headers));
    }

    @Test
    void generatedSecretsAre32RandomBytesBehindThePrefix() {
        SigningSecret one = SigningSecret.generate();

        assertTrue(one.text().startsWith("whsec_"));
        assertEquals(32, one.key().length);
        assertNotEquals(one, SigningSecret.generate());
        assertEquals("SigningSecret[whsec_…]", one.toString());
    }
}
