package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class QueuedLogHandlerTest {
    private static final int THREADS = 16;
    private static final int LINES = 2_000;

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final QueuedLogHandler handler = new QueuedLogHandler(written);

    QueuedLogHandlerTest() {
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + "\n";
            }
        });
    }

    @Test
    void lines_logged_by_many_threads_at_once_are_each_written_whole_once_in_each_threads_order() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < LINES; i++) {
                        handler.publish(new LogRecord(Level.INFO, "thread " + thread + " line " + i));
                    }
                    return null;
                });
            }
            start.countDown();
        }
        handler.close();

        List<String> lines = lines();
        assertEquals(THREADS * LINES, lines.size());
        int[] next = new int[THREADS];
        for (String line : lines) {
            String[] parts = line.split(" ");
            int thread = Integer.parseInt(parts[1]);
            assertEquals("thread " + thread + " line " + next[thread], line);
            next[thread]++;
        }
    }

    @Test
    void a_line_is_written_soon_without_waiting_for_company() throws Exception {
        handler.publish(new LogRecord(Level.WARNING, "alone"));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (lines().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("alone"), lines());
        handler.close();
    }

    @Test
    void once_closed_everything_queued_is_out_and_later_lines_are_written_at_once() {
        for (int i = 0; i < 100; i++) {
            handler.publish(new LogRecord(Level.INFO, "before " + i));
        }
        handler.close();
        assertEquals(100, lines().size());

        handler.publish(new LogRecord(Level.INFO, "after"));

        assertEquals("after", lines().getLast());
    }

    @Test
    void records_below_the_handlers_level_are_not_written() {
        handler.setLevel(Level.WARNING);
        handler.publish(new LogRecord(Level.INFO, "quiet"));
        handler.publish(new LogRecord(Level.SEVERE, "loud"));
        handler.close();

        assertEquals(List.of("loud"), lines());
    }

    private List<String> lines() {
        String text = written.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
