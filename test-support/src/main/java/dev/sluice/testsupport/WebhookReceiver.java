package dev.sluice.testsupport;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * A merchant's webhook endpoint on 127.0.0.1 for tests: records every request and answers as its
 * behaviour says. {@link #verify} holds a delivery against the maintained Standard Webhooks verifier
 * ({@code com.standardwebhooks} on Maven Central), which nobody here wrote.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Received(String webhookId, long timestamp, String body, HttpHeaders headers) {
    }

    /** Answers the {@code requestNumber}-th request (from 1). */
    public interface Behaviour {
        void answer(HttpExchange exchange, int requestNumber) throws IOException;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver(Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int number;
            synchronized (received) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                        Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp")), body,
                        HttpHeaders.of(exchange.getRequestHeaders(), (name, value) -> true)));
                number = received.size();
            }
            try {
                behaviour.answer(exchange, number);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers each request with the status {@code statusOfRequest} gives its number, and no body. */
    public static WebhookReceiver answering(IntUnaryOperator statusOfRequest) throws IOException {
        return new WebhookReceiver((exchange, n) -> exchange.sendResponseHeaders(statusOfRequest.applyAsInt(n), -1));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Throws unless the Standard Webhooks verifier accepts the delivery with {@code secret}. */
    public static void verify(Received delivery, String secret) throws Exception {
        new Webhook(secret).verify(delivery.body(), delivery.headers().map());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
