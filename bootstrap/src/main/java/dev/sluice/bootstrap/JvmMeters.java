package dev.sluice.bootstrap;

import io.helidon.metrics.api.Metrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's meters (memory, garbage collection, threads, classes, CPU, uptime) from Micrometer's
 * binders, registered once per JVM in the registry behind Helidon's: they read the JVM, not an
 * instance of Sluice, so instances sharing a JVM share them.
 */
final class JvmMeters {
    private static boolean bound;

    private JvmMeters() {
    }

    static synchronized void bind() {
        if (bound) {
            return;
        }
        MeterRegistry registry = Metrics.globalRegistry().unwrap(MeterRegistry.class);
        // Micrometer's only name against Prometheus conventions: a gauge must not end in `_count`
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
            }
        });
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        // kept for the life of the JVM: it listens to the garbage collector's notifications
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bound = true;
    }
}
