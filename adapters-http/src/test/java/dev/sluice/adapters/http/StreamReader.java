package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A reader of a status stream: its answer, then its server-sent events block by block as they arrive. */
final class StreamReader implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread pump;

    StreamReader(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        this.response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        this.pump = Thread.ofVirtual().start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // closed by the test
            }
        });
    }

    /** The next block (the lines before an empty one), failing after {@code wait}. */
    List<String> next(Duration wait) throws InterruptedException {
        List<String> block = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(line, "no complete event within " + wait + "; so far " + block);
            if (line.isEmpty()) {
                return block;
            }
            block.add(line);
        }
    }

    /** Every line that arrives within {@code wait}. */
    List<String> linesFor(Duration wait) throws InterruptedException {
        Thread.sleep(wait);
        List<String> arrived = new ArrayList<>();
        lines.drainTo(arrived);
        return arrived;
    }

    @Override
    public void close() {
        pump.interrupt();
        response.body().close();
    }
}
