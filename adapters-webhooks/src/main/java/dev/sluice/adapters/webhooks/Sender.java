package dev.sluice.adapters.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt: a signed POST, redirects not followed, the whole exchange (connect, answer, body)
 * within the timeout, and at most 1 KiB of the answer's body kept, the rest never read, so that
 * neither a silent receiver nor one that trickles bytes holds an attempt or memory for longer.
 */
final class Sender {
    static final int BODY_LIMIT = 1024;

    private final HttpClient client;
    private final Duration timeout;

    Sender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    AttemptResult send(Delivery delivery, long timestampSeconds) throws InterruptedException {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/cloudevents+json")
                    .header("User-Agent", "Sluice-Webhooks/1")
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestampSeconds))
                    .header("webhook-signature",
                            Signatures.header(delivery.eventId(), timestampSeconds, body, delivery.secrets()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return new AttemptResult(null, "invalid URL", delivery.url());
        }
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, info -> new FirstKib());
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new AttemptResult(response.statusCode(), response.body(), delivery.url());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new AttemptResult(null, "no answer within " + timeout.toSeconds() + " s", delivery.url());
        } catch (ExecutionException e) {
            return new AttemptResult(null, e.getCause().getClass().getSimpleName(), delivery.url());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    /** Keeps the first KiB of a body and then cancels the subscription: the rest is never read. */
    private static final class FirstKib implements HttpResponse.BodySubscriber<String> {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), BODY_LIMIT - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.writeBytes(bytes);
            }
            if (kept.size() >= BODY_LIMIT) {
                subscription.cancel();
                complete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            complete();
        }

        private void complete() {
            // a KiB cut inside a UTF-8 sequence ends in a replacement character, never an error
            result.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
