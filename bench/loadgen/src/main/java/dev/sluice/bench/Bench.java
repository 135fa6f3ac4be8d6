package dev.sluice.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * One benchmark run against a Sluice that bench/run.sh started: create a widget, warm up, drive
 * create-session at each concurrency, wait for the relay to deliver every event, stop Sluice, then
 * measure the JDBC ceiling on the same database; print one table and write the same figures as JSON.
 *
 * <p>Options are {@code --name=value}; bench/run.sh passes all of them.
 */
public final class Bench {
    private static final int WARM_WINDOW_SECONDS = 10;
    private static final int SETTLED_PERCENT = 5;
    private static final int MAX_EXTRA_WARMUP_SECONDS = 180;
    private static final Pattern WIDGET_ID = Pattern.compile("\"id\"\\s*:\\s*\"(wdgt_[^\"]+)\"");
    private static final Pattern CLIENT_SECRET = Pattern.compile("\"clientSecret\"\\s*:\\s*\"([^\"]+)\"");
    /** The batched ceiling's transaction sizes, and its connections: enough to overlap one's commit with another's inserts. */
    private static final List<Integer> BATCHED_SESSIONS_PER_TX = List.of(16, 64);
    private static final int BATCHED_WORKERS = 4;

    private final Map<String, String> options;

    private Bench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        new Bench(options).run();
    }

    private String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name + "=…");
        }
        return value;
    }

    /**
     * {@code minimum} at 64 connections, then windows of {@value #WARM_WINDOW_SECONDS} s until two
     * in a row no longer climb (neither is {@value #SETTLED_PERCENT} % faster than the one before: a
     * window slower than the one before is the machine's noise, ±15 % here), for at most
     * {@value #MAX_EXTRA_WARMUP_SECONDS} s more. A fixed 20 s was far too short on a slow machine:
     * its JIT was still compiling through the first levels, which then measured 0.75 ms of Sluice's
     * CPU per session at 16 connections and 0.33 at 64 against 0.30 at 256, the last level; and
     * one window within 5 % was once only a slower step of the same climb.
     */
    private static List<Phase> warmUp(HttpLoad http, Duration minimum) throws Exception {
        List<Phase> windows = new ArrayList<>(List.of(http.run("warmup", 64, minimum)));
        int settled = 0;
        for (int extra = 0; extra < MAX_EXTRA_WARMUP_SECONDS && settled < 2; extra += WARM_WINDOW_SECONDS) {
            Phase window = http.run("warmup", 64, Duration.ofSeconds(WARM_WINDOW_SECONDS));
            double before = windows.getLast().perSecond();
            windows.add(window);
            log("warming up: " + Math.round(window.perSecond()) + " req/s");
            settled = window.perSecond() <= before * (1 + SETTLED_PERCENT / 100.0) ? settled + 1 : 0;
        }
        return windows;
    }

    private int number(String name) {
        return Integer.parseInt(option(name));
    }

    private void run() throws Exception {
        URI sluice = URI.create(option("sluice-url"));
        long sluicePid = Long.parseLong(option("sluice-pid"));
        String business = option("business");
        List<Integer> levels = Arrays.stream(option("concurrency").split(",")).map(Integer::valueOf).toList();
        Duration warmup = Duration.ofSeconds(number("warmup"));
        Duration duration = Duration.ofSeconds(number("duration"));
        Duration ceilingDuration = Duration.ofSeconds(number("ceiling-duration"));

        Map<String, Long> watched = new LinkedHashMap<>();
        watched.put("sluice", sluicePid);
        for (String entry : option("watch").split(",")) {
            if (!entry.isBlank()) {
                String[] nameAndPid = entry.split(":");
                watched.put(nameAndPid[0], Long.valueOf(nameAndPid[1]));
            }
        }
        ProcessStats stats = new ProcessStats(watched, number("clk-tck"));
        DbCounters counters = new DbCounters(option("db-url"), option("db-user"), options.getOrDefault("db-password", ""));
        long readyRssKib = ProcessStats.rssKib(sluicePid);

        RelayLag relay = new RelayLag(option("kafka"), option("topic"));
        String[] widget = createWidget(sluice, business, option("token"));
        log("widget " + widget[0] + " created; warming up at least " + warmup.toSeconds()
                + " s at 64 connections, then until the throughput settles");

        HttpLoad http = new HttpLoad(sluice.getHost(), sluice.getPort(), widget[0], widget[1]);
        ProcessStats.RssPeak rss = new ProcessStats.RssPeak(sluicePid);
        RelayLag.Window warmupWindow = relay.open("warmup");
        List<Phase> warm = warmUp(http, warmup);
        relay.end(warmupWindow);
        long warmupRssKib = rss.reset();
        Thread.sleep(3_000);
        long idleRssKib = ProcessStats.rssKib(sluicePid);
        double warmSeconds = warm.stream().mapToDouble(Phase::seconds).sum();
        log("warm-up: " + Math.round(warmSeconds) + " s, last " + Math.round(warm.getLast().perSecond()) + " req/s, "
                + warm.stream().mapToLong(Phase::errorCount).sum() + " errors");

        List<Map<String, Object>> httpRows = new ArrayList<>();
        List<RelayLag.Window> measured = new ArrayList<>();
        long created = warm.stream().mapToLong(Phase::succeeded).sum();
        long peakRssKib = warmupRssKib;
        for (int connections : levels) {
            RelayLag.Window window = relay.open("http-" + connections);
            Map<String, Double> cpuBefore = stats.cpuSeconds();
            Map<String, Long> countersBefore = counters.read();
            Phase phase = http.run("http-" + connections, connections, duration);
            Map<String, Double> cores = ProcessStats.cores(cpuBefore, stats.cpuSeconds(), phase.seconds());
            Map<String, Double> statements = DbCounters.perOperation(countersBefore, counters.read(), phase.succeeded());
            relay.end(window);
            long phaseRss = rss.reset();
            peakRssKib = Math.max(peakRssKib, phaseRss);
            measured.add(window);
            created += phase.succeeded();
            Map<String, Object> row = phaseRow(phase, cores, statements);
            row.put("rssMaxMiB", phaseRss / 1024.0);
            row.put("relayLagWindow", window);
            httpRows.add(row);
            log(phase.name() + ": " + Math.round(phase.perSecond()) + " req/s, p99 "
                    + phase.percentileMillis(99) + " ms, " + phase.errorCount() + " errors");
        }
        rss.close();

        long drainMillis = relay.awaitSessions(created, Duration.ofSeconds(120));
        log("relay: " + relay.distinctSessions() + " of " + created + " sessions seen on Kafka"
                + (drainMillis < 0 ? " (gave up after 120 s)" : ", " + drainMillis + " ms after the load stopped"));
        for (Map<String, Object> row : httpRows) {
            Histogram lag = relay.merged(List.of((RelayLag.Window) row.remove("relayLagWindow")));
            row.put("relayLagP50Ms", (double) lag.getValueAtPercentile(50));
            row.put("relayLagP99Ms", (double) lag.getValueAtPercentile(99));
        }
        Histogram lagAll = relay.merged(measured);
        long received = relay.received();
        int distinct = relay.distinctSessions();
        relay.close();

        stopSluice(sluicePid);

        log("JDBC ceiling: pool " + number("pool-size") + ", " + ceilingDuration.toSeconds() + " s per level");
        List<Map<String, Object>> ceilingRows = new ArrayList<>();
        List<Map<String, Object>> batchedRows = new ArrayList<>();
        try (JdbcCeiling ceiling = new JdbcCeiling(option("db-url"), option("db-user"), options.getOrDefault("db-password", ""),
                number("pool-size"), widget[0], business)) {
            ceiling.run("ceiling-warmup", 64, Duration.ofSeconds(5));
            for (int concurrency : levels) {
                Map<String, Double> cpuBefore = stats.cpuSeconds();
                Map<String, Long> countersBefore = counters.read();
                Phase phase = ceiling.run("jdbc-" + concurrency, concurrency, ceilingDuration);
                ceilingRows.add(phaseRow(phase, ProcessStats.cores(cpuBefore, stats.cpuSeconds(), phase.seconds()),
                        DbCounters.perOperation(countersBefore, counters.read(), phase.succeeded())));
                log(phase.name() + ": " + Math.round(phase.perSecond()) + " tx/s, p99 " + phase.percentileMillis(99) + " ms");
            }
            for (int sessionsPerTx : BATCHED_SESSIONS_PER_TX) {
                Map<String, Double> cpuBefore = stats.cpuSeconds();
                Map<String, Long> countersBefore = counters.read();
                Phase phase = ceiling.runBatched("jdbc-batched-" + sessionsPerTx, BATCHED_WORKERS, sessionsPerTx,
                        ceilingDuration);
                Map<String, Object> row = phaseRow(phase, ProcessStats.cores(cpuBefore, stats.cpuSeconds(),
                        phase.seconds()), DbCounters.perOperation(countersBefore, counters.read(), phase.succeeded()));
                row.put("sessionsPerTransaction", sessionsPerTx);
                batchedRows.add(row);
                log(phase.name() + ": " + Math.round(phase.perSecond()) + " sessions/s, " + sessionsPerTx
                        + " a transaction on " + BATCHED_WORKERS + " connections");
            }
        }
        counters.close();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("label", options.getOrDefault("label", ""));
        result.put("startedAt", option("started-at"));
        result.put("machine", ordered("cores", Runtime.getRuntime().availableProcessors(),
                "loadAverageBefore", option("load-before"), "loadAverageAfter", loadAverage()));
        result.put("commit", options.getOrDefault("commit", ""));
        result.put("sluice", ordered("javaOptions", options.getOrDefault("sluice-java-opts", ""),
                "settings", options.getOrDefault("sluice-settings", ""), "poolSize", number("pool-size")));
        result.put("plan", ordered("warmupSeconds", Math.round(warmSeconds), "secondsPerLevel", duration.toSeconds(),
                "ceilingSecondsPerLevel", ceilingDuration.toSeconds(), "concurrency", levels));
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("mariadbKafkaMs", Long.valueOf(option("ready-ms")));
        ready.put("embeddedDefaultMs", Long.valueOf(option("embedded-ready-ms")));
        ready.put("rssAtReadyMiB", readyRssKib / 1024.0);
        result.put("ready", ready);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("rssIdleAfterWarmupMiB", idleRssKib / 1024.0);
        memory.put("rssMaxUnderLoadMiB", peakRssKib / 1024.0);
        result.put("memory", memory);
        result.put("http", httpRows);
        result.put("ceiling", ceilingRows);
        result.put("batchedCeiling", batchedRows);
        Map<String, Object> relayResult = new LinkedHashMap<>();
        relayResult.put("sessionsCreated", created);
        relayResult.put("eventsReceived", received);
        relayResult.put("distinctSessionsReceived", distinct);
        relayResult.put("drainAfterLoadMs", drainMillis);
        relayResult.put("lagP50Ms", (double) lagAll.getValueAtPercentile(50));
        relayResult.put("lagP99Ms", (double) lagAll.getValueAtPercentile(99));
        relayResult.put("lagMaxMs", (double) lagAll.getMaxValue());
        result.put("relay", relayResult);
        result.put("targets", targets(result, httpRows, ceilingRows, levels));

        Path out = Path.of(option("out"));
        Files.writeString(out, Json.write(result));
        System.out.println(Table.render(result, httpRows, ceilingRows, batchedRows, levels));
        System.out.println("results: " + out);
    }

    private static Map<String, Object> phaseRow(Phase phase, Map<String, Double> cores,
            Map<String, Double> statementsPerOp) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("concurrency", phase.concurrency());
        row.put("seconds", phase.seconds());
        row.put("perSecond", phase.perSecond());
        row.put("ok", phase.succeeded());
        row.put("errors", phase.errorCount());
        row.put("errorsByKind", phase.errors());
        row.put("errorSamples", phase.errorSamples());
        row.put("p50Ms", phase.percentileMillis(50));
        row.put("p99Ms", phase.percentileMillis(99));
        row.put("p999Ms", phase.percentileMillis(99.9));
        row.put("maxMs", phase.latencyMicros().getMaxValue() / 1000.0);
        row.put("cpuCores", cores);
        row.put("dbCountersPerOp", statementsPerOp);
        return row;
    }

    private static Map<String, Object> targets(Map<String, Object> result, List<Map<String, Object>> http,
            List<Map<String, Object>> ceiling, List<Integer> levels) {
        Map<String, Object> targets = new LinkedHashMap<>();
        int at64 = levels.indexOf(64);
        if (at64 >= 0) {
            double ratio = (double) http.get(at64).get("perSecond") / (double) ceiling.get(at64).get("perSecond");
            targets.put("throughputVsNaiveAt64", check(ratio * 100, ratio >= 1.5, "≥ 150 %"));
            double p99 = (double) http.get(at64).get("p99Ms");
            targets.put("p99At64Ms", check(p99, p99 <= 100, "≤ 100 ms"));
        }
        long errors = http.stream().mapToLong(row -> (long) row.get("errors")).sum();
        targets.put("errors", check(errors, errors == 0, "0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> relay = (Map<String, Object>) result.get("relay");
        double lag = (double) relay.get("lagP99Ms");
        targets.put("relayLagP99Ms", check(lag, lag <= 500, "≤ 500 ms"));
        @SuppressWarnings("unchecked")
        Map<String, Object> memory = (Map<String, Object>) result.get("memory");
        double rss = (double) memory.get("rssMaxUnderLoadMiB");
        targets.put("rssMaxMiB", check(rss, rss <= 384, "≤ 384 MiB"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ready = (Map<String, Object>) result.get("ready");
        long embedded = (long) ready.get("embeddedDefaultMs");
        targets.put("readyEmbeddedMs", check(embedded, embedded <= 2000, "≤ 2000 ms"));
        return targets;
    }

    /** A map from alternating keys and values that keeps their order, so the JSON reads the same every run. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> check(Number value, boolean met, String target) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("value", value);
        check.put("target", target);
        check.put("met", met);
        return check;
    }

    /** The bench widget, created with a business user's JWT; returns its id and client secret. */
    static String[] createWidget(URI sluice, String business, String token) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        sluice.resolve("/api/v1/businesses/" + business + "/widgets/create-widget"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HttpLoad.widgetBody()))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = WIDGET_ID.matcher(response.body());
        Matcher secret = CLIENT_SECRET.matcher(response.body());
        if (response.statusCode() != 201 || !id.find() || !secret.find()) {
            throw new IllegalStateException("create-widget answered " + response.statusCode() + ": " + response.body());
        }
        return new String[] {id.group(1), secret.group(1)};
    }

    /** Stops Sluice (SIGTERM, its orderly shutdown) so the ceiling has the machine to itself. */
    private static void stopSluice(long pid) throws Exception {
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null) {
            return;
        }
        log("stopping Sluice (pid " + pid + ")");
        handle.destroy();
        handle.onExit().get(60, TimeUnit.SECONDS);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String message) {
        System.err.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
    }
}
