package dev.sluice.bootstrap;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;

/** How log records are written ({@code SLUICE_LOG_FORMAT}): a text line for people, or JSON for log shippers. */
enum LogFormat {
    TEXT(LogLineFormatter::new),
    JSON(JsonLogFormatter::new);

    private final Supplier<Formatter> formatter;

    LogFormat(Supplier<Formatter> formatter) {
        this.formatter = formatter;
    }

    static LogFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("must be text or json");
        };
    }

    /** Gives every handler of the root logger (logging.properties configures one, on standard error) this format. */
    void apply() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(formatter.get());
        }
    }
}
