package dev.sluice.bootstrap;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Log records on standard error, one line each, written in batches: the logging thread formats its
 * record and queues the line without a lock; a writer thread wakes every {@link #PASS} and writes
 * whatever is queued with one flush. {@code ConsoleHandler} wrote and flushed every record under
 * one lock, and with a line per request that was 4.7 % of Sluice's CPU samples under load (JFR,
 * bench/README.md "Round 7"); waking the writer for every line would cost about as much again.
 *
 * <p>Nothing is dropped and the order is kept: beyond {@value #CAPACITY} queued lines (standard
 * error cannot keep up) the logging thread writes the queue out itself before it goes on. Once
 * closed — the log manager closes its handlers when the JVM shuts down, while shutdown hooks may
 * still log — every record is written at once.
 */
public final class QueuedLogHandler extends Handler {
    static final Duration PASS = Duration.ofMillis(20);
    private static final int CAPACITY = 16_384;

    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Writer out;
    private final Thread writer;
    private volatile boolean closed;

    /** On standard error; logging.properties names this handler. */
    public QueuedLogHandler() {
        this(new FileOutputStream(FileDescriptor.err));
    }

    QueuedLogHandler(OutputStream stream) {
        out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        setFormatter(new LogLineFormatter());
        writer = Thread.ofPlatform().name("sluice-log-writer").daemon().start(this::writePeriodically);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        queue.add(line);
        if (queued.incrementAndGet() > CAPACITY || closed) {
            flush();
        }
    }

    private void writePeriodically() {
        while (!closed) {
            LockSupport.parkNanos(PASS.toNanos());
            flush();
        }
    }

    /** Writes the lines queued so far, in order (at most {@value #CAPACITY}, so that it ends under any load). */
    @Override
    public synchronized void flush() {
        int written = 0;
        try {
            for (String line = queue.poll(); line != null; line = written < CAPACITY ? queue.poll() : null) {
                written++;
                out.write(line);
            }
            if (written > 0) {
                out.flush();
            }
        } catch (IOException e) {
            reportError(null, e, ErrorManager.WRITE_FAILURE);
        } finally {
            queued.addAndGet(-written);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        flush();
    }
}
