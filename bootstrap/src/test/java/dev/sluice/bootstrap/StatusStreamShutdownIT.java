package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testsupport.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Open status streams, which would run for an hour, never hold up a stop. */
class StatusStreamShutdownIT {
    @Test
    void stoppingEndsOpenStreamsAtOnce() throws Exception {
        String kafka = TestServices.kafkaBootstrapServers();
        TestSluice sluice = TestSluice.start(Files.createTempDirectory("sluice-stream-stop"), kafka,
                StreamTopics.unique().createOn(kafka), Map.of());
        TestSluice.Widget widget = sluice.createWidget("biz_stream_stop");
        HttpResponse<String> created = sluice.createSession(widget, "100");
        JsonNode session = TestSluice.read(created.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(sluice.url() + "/api/v1/widgets/deposit-sessions/"
                        + session.get("id").asString() + "/status-stream"))
                .header("X-Client-Secret", session.get("clientSecret").asString()).build();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<List<String>> whole = CompletableFuture.supplyAsync(() -> stream.body().toList());

        long stopping = System.nanoTime();
        sluice.close();
        Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
        List<String> lines = whole.get(5, TimeUnit.SECONDS);

        assertEquals(200, stream.statusCode());
        assertEquals("event: status", lines.getFirst());
        assertTrue(stopped.compareTo(Duration.ofSeconds(3)) < 0, "stopped in " + stopped);
    }
}
