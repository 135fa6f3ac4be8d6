package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resident memory and CPU time of the processes on this machine that share its two cores
 * (Sluice, MariaDB, the broker, this generator), read from /proc.
 */
final class ProcessStats {
    private final Map<String, Long> pids;
    private final long ticksPerSecond;

    ProcessStats(Map<String, Long> pids, long ticksPerSecond) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("loadgen", ProcessHandle.current().pid());
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Resident set in KiB, or -1 once the process is gone. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU seconds (user + system) each watched process used so far, and as "steal" the seconds the
     * hypervisor gave this machine's cores to other machines: on a shared host that rose from nil to
     * half a core within one session here, and a run it falls on measures a slower machine. As
     * "idle" the seconds no process used (idle and waiting for I/O): cores left unused under load
     * mean something other than CPU limits the throughput.
     */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, cpuSeconds(pid)));
        cpu.put("steal", machineSeconds(8));
        cpu.put("idle", machineSeconds(4) + machineSeconds(5));
        return cpu;
    }

    /** A field of the first line of /proc/stat, which sums every core: "cpu user nice system idle iowait irq softirq steal ...". */
    private double machineSeconds(int field) {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            return Long.parseLong(fields[field]) / (double) ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the fields after the command name, which may itself contain spaces and parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Cores used by each process between two {@link #cpuSeconds()} readings {@code seconds} apart. */
    static Map<String, Double> cores(Map<String, Double> before, Map<String, Double> after, double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        before.forEach((name, start) -> cores.put(name, (after.get(name) - start) / seconds));
        return cores;
    }

    /** Samples the resident set of one process every second and keeps the highest value since {@link #reset}. */
    static final class RssPeak implements AutoCloseable {
        private final long pid;
        private final Thread thread;
        private volatile long peakKib;
        private volatile boolean running = true;

        RssPeak(long pid) {
            this.pid = pid;
            this.thread = Thread.ofPlatform().name("rss").daemon().start(this::sample);
        }

        private void sample() {
            while (running) {
                long rss = rssKib(pid);
                if (rss > peakKib) {
                    peakKib = rss;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** The peak since the last reset, and starts a new one. */
        long reset() {
            long peak = Math.max(peakKib, rssKib(pid));
            peakKib = 0;
            return peak;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
