package dev.sluice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What open status streams cost one Sluice instance (bench/streams.sh): at each level of open
 * streams, the status watcher's database queries per second (Sluice's own counter) and the
 * server-wide statement rate, Sluice's heap after a full GC and its RSS, and how long a change
 * takes from the observation's answer to the event on its stream.
 *
 * <pre>java -cp … dev.sluice.bench.StreamBench URL BUSINESS_JWT PROCESSOR_JWT SLUICE_PID DB_URL LEVELS OUT.json</pre>
 */
public final class StreamBench {
    private static final Pattern WATCHER = Pattern.compile("(?m)^sluice_status_watcher_queries_total(?:\\{[^}]*})? ([0-9.eE+]+)$");
    /** The young and old generation lines of {@code GC.heap_info} (Serial: DefNew, Tenured; G1: one heap line). */
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\S[^\\n]*?\\btotal\\b[^\\n]*?used (\\d+)K");
    private static final int MEASURE_SECONDS = 10;
    private static final int LATENCY_SAMPLES = 40;

    private final URI base;
    private final String business;
    private final String processor;
    private final long pid;
    private final String dbUrl;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();

    private StreamBench(URI base, String business, String processor, long pid, String dbUrl) {
        this.base = base;
        this.business = business;
        this.processor = processor;
        this.pid = pid;
        this.dbUrl = dbUrl;
    }

    public static void main(String[] args) throws Exception {
        StreamBench bench = new StreamBench(URI.create(args[0]), args[1], args[2], Long.parseLong(args[3]), args[4]);
        List<Integer> levels = new ArrayList<>();
        for (String level : args[5].split(",")) {
            levels.add(Integer.parseInt(level.strip()));
        }
        List<Map<String, Object>> results = bench.run(levels);
        Files.writeString(Path.of(args[6]), Json.write(Map.of("levels", results)) + "\n");
    }

    private List<Map<String, Object>> run(List<Integer> levels) throws Exception {
        Map<String, String> widget = createWidget();
        int most = levels.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String[]> sessions = createSessions(widget, Math.max(most, LATENCY_SAMPLES));
        System.out.printf("%8s %14s %14s %12s %12s %14s%n", "streams", "watcher q/s", "server q/s", "heap MiB",
                "RSS MiB", "change p50/max");
        List<Map<String, Object>> results = new ArrayList<>();
        try (DbCounters counters = new DbCounters(dbUrl, "root", "")) {
            int previous = 0;
            for (int level : levels) {
                openStreams(sessions, level);
                Thread.sleep(3_000);
                double watcher0 = watcherQueries();
                long questions0 = counters.read().get("Questions");
                Thread.sleep(MEASURE_SECONDS * 1000L);
                double watcherRate = (watcherQueries() - watcher0) / MEASURE_SECONDS;
                double serverRate = (counters.read().get("Questions") - questions0) / (double) MEASURE_SECONDS;
                long heapKib = heapAfterGc();
                long rssKib = ProcessStats.rssKib(pid);
                // sessions whose streams opened at this level, so that each is changed for the first time
                List<Long> latencies = changeLatencies(sessions.subList(Math.max(previous, level - LATENCY_SAMPLES), level));
                previous = level;
                long p50 = latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2);
                long max = latencies.isEmpty() ? -1 : latencies.getLast();
                System.out.printf("%8d %14.1f %14.1f %12.1f %12.1f %9d/%d ms%n", streams.size(), watcherRate, serverRate,
                        heapKib / 1024.0, rssKib / 1024.0, p50, max);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("streams", streams.size());
                row.put("watcherQueriesPerSecond", watcherRate);
                row.put("serverStatementsPerSecond", serverRate);
                row.put("heapAfterGcKib", heapKib);
                row.put("rssKib", rssKib);
                row.put("changeToEventMsP50", p50);
                row.put("changeToEventMsMax", max);
                results.add(row);
            }
        }
        streams.forEach(Stream::close);
        return results;
    }

    private Map<String, String> createWidget() throws IOException {
        String body = "{\"name\":\"Stream bench\",\"mode\":\"CUSTOMER_AMOUNT\",\"minAmount\":\"1\",\"maxAmount\":\"1000\"}";
        String answer = request("POST", "/api/v1/businesses/biz_bench/widgets/create-widget",
                "Authorization: Bearer " + business, body, 201);
        return Map.of("id", field(answer, "id"), "secret", field(answer, "clientSecret"));
    }

    private List<String[]> createSessions(Map<String, String> widget, int count) throws Exception {
        String body = "{\"amount\":\"100\",\"currency\":\"USDC\",\"network\":\"polygon\",\"currencyAddress\":\"\","
                + "\"depositAddress\":\"0xBench\"}";
        List<String[]> sessions = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                done.add(pool.submit(() -> {
                    String answer = request("POST", "/api/v1/widgets/" + widget.get("id") + "/create-session",
                            "X-Client-Secret: " + widget.get("secret"), body, 201);
                    sessions.add(new String[] {field(answer, "id"), field(answer, "clientSecret")});
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        return new ArrayList<>(sessions);
    }

    private void openStreams(List<String[]> sessions, int level) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = streams.size(); i < level; i++) {
                String[] session = sessions.get(i);
                opened.add(pool.submit(() -> {
                    streams.add(new Stream(session[0], session[1]));
                    return null;
                }));
            }
            for (Future<?> future : opened) {
                future.get();
            }
        }
    }

    /** Observation answers to event arrival, one DETECTED per sampled session, sorted. */
    private List<Long> changeLatencies(List<String[]> sample) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (String[] session : sample) {
            if (arrived.containsKey(session[0] + "#2")) {
                continue;
            }
            request("POST", "/api/v1/deposit-sessions/" + session[0] + "/observations", "Authorization: Bearer " + processor,
                    "{\"observationId\":\"obs_bench_" + session[0] + "\",\"kind\":\"DETECTED\",\"txId\":\"0x1\"}", 200);
            long answered = System.nanoTime();
            long deadline = answered + 5_000_000_000L;
            Long at;
            while ((at = arrived.get(session[0] + "#2")) == null && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            latencies.add(at == null ? 5_000 : (at - answered) / 1_000_000);
        }
        latencies.sort(Long::compare);
        return latencies;
    }

    private double watcherQueries() throws IOException {
        Matcher m = WATCHER.matcher(request("GET", "/observe/metrics", "Accept: text/plain", null, 200));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private long heapAfterGc() throws Exception {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        long used = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
        }
        return used;
    }

    private String jcmd(String command) throws Exception {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private String request(String method, String path, String header, String body, int expected) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n" + header + "\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n")
                + "Connection: close\r\n\r\n";
        try (HttpConnection connection = new HttpConnection(base.getHost(), base.getPort())) {
            byte[] request = new byte[head.length() + bytes.length];
            System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
            System.arraycopy(bytes, 0, request, head.length(), bytes.length);
            HttpConnection.Response response = connection.exchange(request, true);
            if (response.status() != expected) {
                throw new IOException(method + " " + path + ": " + response.status() + " " + response.bodyText());
            }
            return response.bodyText();
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** One open status stream, read on a virtual thread: events are noted as they arrive. */
    private final class Stream implements AutoCloseable {
        private final Socket socket;

        Stream(String sessionId, String secret) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/widgets/deposit-sessions/" + sessionId + "/status-stream HTTP/1.1\r\nHost: "
                    + base.getHost() + "\r\nX-Client-Secret: " + secret + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                throw new IOException("status stream refused: " + status);
            }
            Thread.ofVirtual().start(() -> {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("id: ")) {
                            arrived.putIfAbsent(sessionId + "#" + line.substring(4).strip(), System.nanoTime());
                        }
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            });
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
