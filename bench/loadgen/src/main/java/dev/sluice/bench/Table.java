package dev.sluice.bench;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The results as one plain-text table, the same figures as the JSON file. */
final class Table {
    private Table() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> result, List<Map<String, Object>> http, List<Map<String, Object>> ceiling,
            List<Map<String, Object>> batched, List<Integer> levels) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) result.get("machine");
        Map<String, Object> sluice = (Map<String, Object>) result.get("sluice");
        out.append("Sluice create-session benchmark ").append(result.get("label")).append("  ")
                .append(result.get("startedAt")).append("  commit ").append(result.get("commit")).append('\n');
        out.append("machine: ").append(machine.get("cores")).append(" cores, load average before ")
                .append(machine.get("loadAverageBefore")).append(", after ").append(machine.get("loadAverageAfter"))
                .append('\n');
        out.append("sluice JVM options: ").append(blankAsNone(sluice.get("javaOptions"))).append('\n');
        out.append("settings: ").append(sluice.get("settings")).append('\n');
        out.append(String.format("%-34s", "concurrent connections"));
        levels.forEach(level -> out.append(String.format("%12d", level)));
        out.append('\n');
        line(out, "HTTP create-session req/s", http, row -> fmt(row.get("perSecond"), 0));
        line(out, "  latency p50 ms", http, row -> fmt(row.get("p50Ms"), 1));
        line(out, "  latency p99 ms", http, row -> fmt(row.get("p99Ms"), 1));
        line(out, "  latency p99.9 ms", http, row -> fmt(row.get("p999Ms"), 1));
        line(out, "  errors", http, row -> String.valueOf(row.get("errors")));
        line(out, "JDBC ceiling tx/s", ceiling, row -> fmt(row.get("perSecond"), 0));
        line(out, "  ceiling latency p99 ms", ceiling, row -> fmt(row.get("p99Ms"), 1));
        line(out, "  ceiling errors (pool wait > 2 s)", ceiling, row -> String.valueOf(row.get("errors")));
        out.append(String.format("%-34s", "Sluice / naive ceiling"));
        for (int i = 0; i < levels.size(); i++) {
            double ratio = (double) http.get(i).get("perSecond") / (double) ceiling.get(i).get("perSecond");
            out.append(String.format("%11.0f%%", ratio * 100));
        }
        out.append('\n');
        for (Map<String, Object> limit : batched) {
            double perSecond = (double) limit.get("perSecond");
            line(out, "Sluice / batched ceiling (" + limit.get("sessionsPerTransaction") + "/tx)", http,
                    row -> String.format("%.0f%%", 100 * (double) row.get("perSecond") / perSecond));
        }
        line(out, "CPU ms per session: Sluice", http, row -> msPerOp(row, "sluice"));
        line(out, "                    MariaDB", http, row -> msPerOp(row, "mariadb"));
        line(out, "MariaDB CPU ms per naive tx", ceiling, row -> msPerOp(row, "mariadb"));
        for (Map<String, Object> limit : batched) {
            out.append(String.format("batched ceiling, %s sessions a transaction on %s connections: %s sessions/s,"
                            + " p99 %s ms, %s errors; CPU ms per session: MariaDB %s, JDBC client %s%n",
                    limit.get("sessionsPerTransaction"), limit.get("concurrency"), fmt(limit.get("perSecond"), 0),
                    fmt(limit.get("p99Ms"), 1), limit.get("errors"), msPerOp(limit, "mariadb"),
                    msPerOp(limit, "loadgen")));
        }
        line(out, "relay lag p50 ms", http, row -> fmt(row.get("relayLagP50Ms"), 0));
        line(out, "relay lag p99 ms", http, row -> fmt(row.get("relayLagP99Ms"), 0));
        line(out, "Sluice RSS max MiB", http, row -> fmt(row.get("rssMaxMiB"), 0));
        line(out, "DB statements per session: HTTP", http, row -> perOp(row, "Questions"));
        line(out, "  of which UPDATE", http, row -> perOp(row, "Com_update"));
        line(out, "  of which SELECT", http, row -> perOp(row, "Com_select"));
        line(out, "  of which INSERT", http, row -> perOp(row, "Com_insert"));
        line(out, "  of which COMMIT", http, row -> perOp(row, "Com_commit"));
        line(out, "  of which SET (autocommit...)", http, row -> perOp(row, "Com_set_option"));
        line(out, "DB statements per tx: JDBC", ceiling, row -> perOp(row, "Questions"));
        line(out, "CPU cores HTTP: sluice", http, row -> cores(row, "sluice"));
        line(out, "                mariadb", http, row -> cores(row, "mariadb"));
        line(out, "                kafka", http, row -> cores(row, "kafka"));
        line(out, "                loadgen", http, row -> cores(row, "loadgen"));
        line(out, "                stolen by the host", http, row -> cores(row, "steal"));
        line(out, "                idle", http, row -> cores(row, "idle"));
        line(out, "CPU cores JDBC: mariadb", ceiling, row -> cores(row, "mariadb"));
        line(out, "                loadgen", ceiling, row -> cores(row, "loadgen"));
        line(out, "                stolen by the host", ceiling, row -> cores(row, "steal"));
        line(out, "                idle", ceiling, row -> cores(row, "idle"));

        Map<String, Object> ready = (Map<String, Object>) result.get("ready");
        Map<String, Object> memory = (Map<String, Object>) result.get("memory");
        Map<String, Object> relay = (Map<String, Object>) result.get("relay");
        out.append(String.format("ready: %d ms on MariaDB + Kafka, %d ms embedded default (H2, Kafka off)%n",
                ready.get("mariadbKafkaMs"), ready.get("embeddedDefaultMs")));
        out.append(String.format("RSS: %s MiB at ready, %s MiB idle after warm-up, %s MiB max under load%n",
                fmt(ready.get("rssAtReadyMiB"), 0), fmt(memory.get("rssIdleAfterWarmupMiB"), 0),
                fmt(memory.get("rssMaxUnderLoadMiB"), 0)));
        out.append(String.format("relay: lag p50 %s ms, p99 %s ms, max %s ms over all levels; %s of %s sessions on"
                        + " Kafka (%s events), drained %s ms after the load%n",
                fmt(relay.get("lagP50Ms"), 0), fmt(relay.get("lagP99Ms"), 0), fmt(relay.get("lagMaxMs"), 0),
                relay.get("distinctSessionsReceived"), relay.get("sessionsCreated"), relay.get("eventsReceived"),
                relay.get("drainAfterLoadMs")));
        out.append("targets:\n");
        ((Map<String, Object>) result.get("targets")).forEach((name, value) -> {
            Map<String, Object> check = (Map<String, Object>) value;
            out.append(String.format("  %-4s %-26s %10s  (target %s)%n", (boolean) check.get("met") ? "ok" : "MISS",
                    name, fmt(check.get("value"), 1), check.get("target")));
        });
        return out.toString();
    }

    private static void line(StringBuilder out, String label, List<Map<String, Object>> rows,
            Function<Map<String, Object>, String> cell) {
        out.append(String.format("%-34s", label));
        rows.forEach(row -> out.append(String.format("%12s", cell.apply(row))));
        out.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static String cores(Map<String, Object> row, String process) {
        Double value = ((Map<String, Double>) row.get("cpuCores")).get(process);
        return value == null ? "-" : fmt(value, 2);
    }

    /** CPU milliseconds a process spent per successful operation (session or transaction). */
    @SuppressWarnings("unchecked")
    private static String msPerOp(Map<String, Object> row, String process) {
        Double value = ((Map<String, Double>) row.get("cpuCores")).get(process);
        return value == null ? "-" : fmt(1000 * value / (double) row.get("perSecond"), 3);
    }

    @SuppressWarnings("unchecked")
    private static String perOp(Map<String, Object> row, String counter) {
        Double value = ((Map<String, Double>) row.get("dbCountersPerOp")).get(counter);
        return value == null ? "-" : fmt(value, 1);
    }

    private static String fmt(Object value, int decimals) {
        return value instanceof Number number ? String.format("%." + decimals + "f", number.doubleValue())
                : String.valueOf(value);
    }

    private static String blankAsNone(Object value) {
        return value == null || value.toString().isBlank() ? "(none)" : value.toString();
    }
}
