package dev.sluice.bootstrap;

import dev.sluice.testsupport.TestServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real jar ({@code java -jar target/sluice.jar}) as a child process over the test database. */
final class ChildSluice {
    private static final Pattern BANNER = Pattern.compile("Sluice is up at (http://\\S+)");

    private ChildSluice() {
    }

    /** Starts the jar with only these settings (and {@code extra}) in its environment. */
    static Process start(Path dataDir, TestServices.Database db, Map<String, String> extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", Path.of("target", "sluice.jar").toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SLUICE_"));
        env.put("SLUICE_PORT", "0");
        env.put("SLUICE_DATA_DIR", dataDir.toString());
        env.put("SLUICE_DB_URL", db.jdbcUrl());
        env.put("SLUICE_DB_USER", db.user());
        env.put("SLUICE_DB_PASSWORD", db.password());
        env.put("SLUICE_RATE_LIMIT", "0");
        env.putAll(extra);
        return builder.start();
    }

    /** Reads the child's output until the banner names its URL, then keeps draining it to our output. */
    static String awaitBanner(Process process) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[sluice] " + line);
                    Matcher banner = BANNER.matcher(line);
                    if (banner.find()) {
                        url.complete(banner.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("Sluice exited before it was up"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        });
        return url.get(60, TimeUnit.SECONDS);
    }
}
