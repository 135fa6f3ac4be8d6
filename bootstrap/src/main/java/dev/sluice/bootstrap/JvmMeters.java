package dev.sluice.bootstrap;

import io.helidon.metrics.api.Metrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's meters (memory, garbage collection, threads, classes, CPU, uptime), mostly from
 * Micrometer's binders, registered once per JVM in the registry behind Helidon's: they read the
 * JVM, not an instance of Sluice, so instances sharing a JVM share them.
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
        new JvmThreadMetrics().bindTo(registry);
        // Not Micrometer's JvmGcMetrics: it registers meters from the JVM's notification thread, in the
        // opposite lock order to Helidon's registry, and deadlocked a start (jstack: main waiting for
        // Micrometer's registry lock, the notification thread for Helidon's). These counters are
        // registered here, once, and read the collectors when scraped.
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            FunctionCounter.builder("jvm.gc.collections", collector, GarbageCollectorMXBean::getCollectionCount)
                    .description("Collections by this garbage collector")
                    .tag("gc", collector.getName())
                    .register(registry);
            FunctionCounter.builder("jvm.gc.collection.seconds", collector, gc -> gc.getCollectionTime() / 1000.0)
                    .description("Time spent in collections by this garbage collector")
                    .tag("gc", collector.getName())
                    .register(registry);
        }
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bound = true;
    }
}
