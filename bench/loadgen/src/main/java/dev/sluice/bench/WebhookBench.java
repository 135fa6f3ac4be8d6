package dev.sluice.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Webhook throughput and lag: a receiver on 127.0.0.1 subscribed to every event of the bench
 * business, create-session load for a while, then the wait until every event has arrived.
 * Lag is the receipt time minus the event's {@code time} (its commit, to the millisecond).
 *
 * <pre>java -cp … dev.sluice.bench.WebhookBench SLUICE_URL TOKEN BUSINESS CONNECTIONS SECONDS</pre>
 */
public final class WebhookBench {
    private WebhookBench() {
    }

    public static void main(String[] args) throws Exception {
        URI sluice = URI.create(args[0]);
        String token = args[1];
        String business = args[2];
        int connections = Integer.parseInt(args[3]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));

        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong firstReceipt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastReceipt = new AtomicLong();
        Histogram lagMillis = new Histogram(3_600_000L, 3);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.currentTimeMillis();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            if (!received.add(exchange.getRequestHeaders().getFirst("webhook-id"))) {
                duplicates.incrementAndGet();
                return;
            }
            firstReceipt.accumulateAndGet(now, Math::min);
            lastReceipt.accumulateAndGet(now, Math::max);
            synchronized (lagMillis) {
                lagMillis.recordValue(Math.max(0, now - eventTime(body)));
            }
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        createEndpoint(sluice, business, token, url);
        String[] widget = Bench.createWidget(sluice, business, token);

        HttpLoad load = new HttpLoad(sluice.getHost(), sluice.getPort(), widget[0], widget[1]);
        Phase phase = load.run("webhooks", connections, duration);
        long created = phase.succeeded();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (received.size() < created && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        receiver.stop(0);

        double seconds = (lastReceipt.get() - firstReceipt.get()) / 1000.0;
        System.out.printf("sessions created: %d in %.0f s at %d connections (%.0f/s)%n", created,
                duration.toSeconds() * 1.0, connections, created / (double) duration.toSeconds());
        System.out.printf("webhooks delivered: %d of %d, %d repeated; %.0f/s from first to last receipt%n",
                received.size(), created, duplicates.get(), received.size() / Math.max(seconds, 0.001));
        System.out.printf("commit-to-delivery lag: p50 %d ms, p99 %d ms, max %d ms%n",
                lagMillis.getValueAtPercentile(50), lagMillis.getValueAtPercentile(99), lagMillis.getMaxValue());
    }

    private static void createEndpoint(URI sluice, String business, String token, String url)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        sluice.resolve("/api/v1/businesses/" + business + "/webhook-endpoints/create-endpoint"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"events\":[\"deposit.created\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create-endpoint answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static long eventTime(String cloudEvent) {
        int from = cloudEvent.indexOf("\"time\":\"") + 8;
        return Instant.parse(cloudEvent.substring(from, cloudEvent.indexOf('"', from))).toEpochMilli();
    }
}
