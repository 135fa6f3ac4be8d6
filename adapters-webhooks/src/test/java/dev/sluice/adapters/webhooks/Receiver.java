package dev.sluice.adapters.webhooks;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * A merchant's endpoint on 127.0.0.1: records every request and answers with the status its
 * behaviour picks; a delivery counts as verified when the maintained Standard Webhooks verifier
 * (com.standardwebhooks on Maven Central) accepts it with the endpoint's secret.
 */
final class Receiver implements AutoCloseable {
    record Received(String webhookId, long timestamp, String body, HttpHeaders headers) {
    }

    interface Behaviour {
        /** Answers the exchange; returns the status sent. */
        void answer(HttpExchange exchange, int requestNumber) throws IOException;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    Receiver(Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp")), body,
                    HttpHeaders.of(exchange.getRequestHeaders(), (name, value) -> true)));
            try {
                behaviour.answer(exchange, received.size());
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static Receiver answering(ToIntFunction<Integer> statusOfRequest) throws IOException {
        return new Receiver((exchange, n) -> {
            exchange.sendResponseHeaders(statusOfRequest.applyAsInt(n), -1);
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Throws unless the Standard Webhooks verifier accepts the delivery with {@code secret}. */
    static void verify(Received delivery, String secret) throws Exception {
        Map<String, List<String>> headers = delivery.headers().map();
        new Webhook(secret).verify(delivery.body(), headers);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
