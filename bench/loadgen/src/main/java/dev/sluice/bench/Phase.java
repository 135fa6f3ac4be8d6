package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What one load phase (HTTP or JDBC) measured. */
record Phase(String name, int concurrency, double seconds, long completed, long succeeded,
        Map<String, Long> errors, List<String> errorSamples, Histogram latencyMicros) {

    static Histogram newHistogram() {
        return new Histogram(60_000_000L, 3);
    }

    double perSecond() {
        return succeeded / seconds;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN
                : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Sums the per-worker tallies of one phase. */
    static Phase merge(String name, int concurrency, double seconds, List<Tally> tallies) {
        Histogram latency = newHistogram();
        Map<String, Long> errors = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        long completed = 0;
        long succeeded = 0;
        for (Tally tally : tallies) {
            latency.add(tally.latency);
            tally.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            tally.samples.stream().filter(s -> samples.size() < 5 && !samples.contains(s)).forEach(samples::add);
            completed += tally.completed;
            succeeded += tally.succeeded;
        }
        return new Phase(name, concurrency, seconds, completed, succeeded, errors, samples, latency);
    }

    /** One worker's counts, touched by that worker only. */
    static final class Tally {
        final Histogram latency = newHistogram();
        final Map<String, Long> errors = new TreeMap<>();
        final List<String> samples = new ArrayList<>();
        long completed;
        long succeeded;

        void ok(long micros) {
            record(micros);
            succeeded++;
        }

        void failed(long micros, String kind, String sample) {
            if (micros >= 0) {
                record(micros);
            }
            errors.merge(kind, 1L, Long::sum);
            if (samples.size() < 5) {
                samples.add(sample.length() > 300 ? sample.substring(0, 300) : sample);
            }
        }

        private void record(long micros) {
            latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
            completed++;
        }
    }
}
