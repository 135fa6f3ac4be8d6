package dev.sluice.bootstrap;

import dev.sluice.testsupport.TestServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real jar ({@code java -jar target/sluice.jar}, built before failsafe runs) as a child process
 * over the test database, as an operator runs it. Its standard output and error are kept line by
 * line (and echoed to the test's output), so a test can read everything the process wrote.
 */
final class SluiceProcess implements AutoCloseable {
    private static final Pattern BANNER = Pattern.compile("Sluice is up at (http://\\S+)");

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> url = new CompletableFuture<>();
    private final Thread outReader;
    private final Thread errReader;

    private SluiceProcess(Process process) {
        this.process = process;
        this.outReader = drain(process.getInputStream(), out, true);
        this.errReader = drain(process.getErrorStream(), err, false);
    }

    /** Starts Sluice with the test database, any free port, no rate limit, and {@code environment} on top. */
    static SluiceProcess start(Path dataDir, Map<String, String> environment) {
        TestServices.Database db = TestServices.database();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", Path.of("target", "sluice.jar").toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SLUICE_"));
        env.put("SLUICE_PORT", "0");
        env.put("SLUICE_DATA_DIR", dataDir.toString());
        env.put("SLUICE_DB_URL", db.jdbcUrl());
        env.put("SLUICE_DB_USER", db.user());
        env.put("SLUICE_DB_PASSWORD", db.password());
        env.put("SLUICE_RATE_LIMIT", "0");
        env.putAll(environment);
        try {
            return new SluiceProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL the banner names, once Sluice is up. */
    String awaitUrl() throws Exception {
        return url.get(60, TimeUnit.SECONDS);
    }

    Process process() {
        return process;
    }

    /** SIGTERM, then waits for the exit and for the last line of output; true when it exited in time. */
    boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
        outReader.join(5_000);
        errReader.join(5_000);
        return exited;
    }

    /** Standard output so far, line by line. */
    List<String> out() {
        return List.copyOf(out);
    }

    /** Standard error (the log) so far, line by line. */
    List<String> err() {
        return List.copyOf(err);
    }

    private Thread drain(InputStream stream, List<String> lines, boolean watchForBanner) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    System.out.println("[sluice] " + line);
                    Matcher banner = BANNER.matcher(line);
                    if (watchForBanner && banner.find()) {
                        url.complete(banner.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            if (watchForBanner) {
                url.completeExceptionally(new IllegalStateException("Sluice exited before it was up"));
            }
        });
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
