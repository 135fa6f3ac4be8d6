package dev.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop create-session load: each connection sends its next request as soon as the last
 * answer is in, on its own virtual thread, with the widget secret and a realistic body.
 */
final class HttpLoad {
    private final String host;
    private final int port;
    private final String widgetId;
    private final String widgetSecret;
    private final AtomicLong sequence = new AtomicLong();

    HttpLoad(String host, int port, String widgetId, String widgetSecret) {
        this.host = host;
        this.port = port;
        this.widgetId = widgetId;
        this.widgetSecret = widgetSecret;
    }

    Phase run(String name, int connections, Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Phase.Tally> tallies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Phase.Tally tally = new Phase.Tally();
            tallies.add(tally);
            workers.add(Thread.ofVirtual().name("http-" + i).start(() -> work(tally, deadline)));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return Phase.merge(name, connections, seconds, tallies);
    }

    private void work(Phase.Tally tally, long deadline) {
        HttpConnection connection = null;
        while (System.nanoTime() < deadline) {
            byte[] request = request(sequence.incrementAndGet());
            long start = 0;
            try {
                if (connection == null) {
                    connection = new HttpConnection(host, port);
                }
                start = System.nanoTime();
                HttpConnection.Response response = connection.exchange(request, false);
                long micros = (System.nanoTime() - start) / 1000;
                if (response.status() == 201) {
                    tally.ok(micros);
                } else {
                    tally.failed(micros, "http_" + response.status(), "HTTP " + response.status());
                }
                if (response.closed()) {
                    connection.close();
                    connection = null;
                }
            } catch (IOException | RuntimeException e) {
                tally.failed(start == 0 ? -1 : (System.nanoTime() - start) / 1000, e.getClass().getSimpleName(),
                        String.valueOf(e));
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    /** A storefront's request: a varying amount and order, customer data, and a metadata object. */
    private byte[] request(long n) {
        String body = "{\"amount\":\"" + (10 + n % 990) + "." + (n % 100) + "\",\"currency\":\"USDC\","
                + "\"network\":\"polygon\",\"currencyAddress\":\"0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174\","
                + "\"depositAddress\":\"0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063\","
                + "\"customerEmail\":\"customer" + n + "@example.com\",\"customerReference\":\"order_" + n + "\","
                + "\"metadata\":{\"orderId\":\"A" + n + "\",\"channel\":\"web\",\"locale\":\"de-DE\","
                + "\"cart\":[{\"sku\":\"sku-1042\",\"qty\":2},{\"sku\":\"sku-77\",\"qty\":1}]}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/widgets/" + widgetId + "/create-session HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + "X-Client-Secret: " + widgetSecret + "\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
        return request;
    }

    /** The widget the load uses: amounts 1–100000, two networks and currencies, a metadata schema. */
    static String widgetBody() {
        return """
                {"name":"Bench shop","mode":"CUSTOMER_AMOUNT","minAmount":"1","maxAmount":"100000",
                 "allowedNetworks":["polygon","ethereum"],"allowedCurrencies":["USDC","USDT"],
                 "successUrl":"https://shop.example.com/paid","cancelUrl":"https://shop.example.com/cart",
                 "metadataSchema":{"type":"object","required":["orderId"],
                   "properties":{"orderId":{"type":"string","maxLength":64},"channel":{"type":"string"},
                                 "locale":{"type":"string"},"cart":{"type":"array"}}}}""";
    }
}
