package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testsupport.TestServices;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The customer widget end to end in a real browser: two Sluice instances over the test database,
 * one with the public URL http://localhost:PORT and one with http://127.0.0.1:PORT (another host,
 * so another origin), and the browser tests in src/test/browser (Node's test runner, Debian's
 * chromium through playwright-core). They create their widgets through the API, open merchant
 * pages, pay, and save screenshots under target/browser-screenshots. scripts/test.sh installs
 * chromium and the npm packages (npm ci) when they are missing.
 */
class WidgetBrowserIT {
    private static final Path TESTS = Path.of("src/test/browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SLUICE_CHROMIUM", "/usr/bin/chromium"));
    private static final long TIMEOUT_MINUTES = 4;

    @Test
    void theWidgetWorksInABrowserOnAllowedSitesAndIsRefusedElsewhere() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install -y chromium (scripts/test.sh does)");
        assertTrue(Files.isDirectory(TESTS.resolve("node_modules/playwright-core")),
                "npm packages missing: (cd bootstrap/src/test/browser && npm ci) (scripts/test.sh does)");
        String kafka = TestServices.kafkaBootstrapServers();
        StreamTopics topics = StreamTopics.unique().createOn(kafka);
        Path data = Files.createTempDirectory("sluice-browser");
        int portA = freePort();
        int portB = freePort();
        String urlA = "http://localhost:" + portA;
        String urlB = "http://127.0.0.1:" + portB;

        try (TestSluice a = TestSluice.start(data, kafka, topics,
                Map.of("SLUICE_PORT", Integer.toString(portA), "SLUICE_PUBLIC_URL", urlA));
             TestSluice b = TestSluice.start(data, kafka, topics,
                Map.of("SLUICE_PORT", Integer.toString(portB), "SLUICE_PUBLIC_URL", urlB))) {
            String business = "biz_browser_" + System.nanoTime();
            Path log = Path.of("target/browser-tests.log");
            ProcessBuilder node = new ProcessBuilder(List.of("node", "--test", "--test-concurrency=1",
                    "--test-reporter=spec", "widget.test.mjs"))
                    .directory(TESTS.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            node.environment().putAll(Map.of(
                    "SLUICE_A_URL", urlA,
                    "SLUICE_B_URL", urlB,
                    "SLUICE_BUSINESS", business,
                    "SLUICE_BUSINESS_TOKEN", a.businessToken(business),
                    "SLUICE_PROCESSOR_TOKEN", a.processorToken(),
                    "SLUICE_SCREENSHOTS", new File("target/browser-screenshots").getAbsolutePath(),
                    "SLUICE_CHROMIUM", CHROMIUM.toString()));
            Process process = node.start();
            boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertTrue(finished, "the browser tests did not finish within " + TIMEOUT_MINUTES + " minutes:\n" + output);
            assertEquals(0, process.exitValue(), "browser tests failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
