package dev.sluice.bootstrap;

import dev.sluice.domain.shared.UtcMillis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object per line, for log shippers: {@code timestamp} (UTC, milliseconds), {@code level},
 * {@code logger}, {@code message}, and {@code exception} with the stack trace when one was thrown.
 * The request log line ({@code RequestLog}: request id, method, route template, status, latency)
 * also comes as fields of their own: {@code requestId}, {@code method}, {@code route},
 * {@code status} and {@code latencyMs}, so a shipper can filter and chart them without parsing.
 */
final class JsonLogFormatter extends Formatter {
    private static final String REQUEST_LOG = "dev.sluice.adapters.http.RequestLog";
    /** The request line as RequestLog writes it: {@code req_… POST /api/v1/… 201 7ms}. */
    private static final Pattern REQUEST_LINE = Pattern.compile("(\\S+) (\\S+) (.+) (\\d{3}) (\\d+)ms");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringProperty("timestamp", UtcMillis.contract(record.getInstant()));
            json.writeStringProperty("level", record.getLevel().getName());
            json.writeStringProperty("logger", record.getLoggerName());
            String message = formatMessage(record);
            json.writeStringProperty("message", message);
            if (REQUEST_LOG.equals(record.getLoggerName())) {
                writeRequest(json, message);
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                try (PrintWriter writer = new PrintWriter(trace)) {
                    record.getThrown().printStackTrace(writer);
                }
                json.writeStringProperty("exception", trace.toString());
            }
            json.writeEndObject();
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static void writeRequest(JsonGenerator json, String message) {
        Matcher request = REQUEST_LINE.matcher(message);
        if (request.matches()) {
            json.writeStringProperty("requestId", request.group(1));
            json.writeStringProperty("method", request.group(2));
            json.writeStringProperty("route", request.group(3));
            json.writeNumberProperty("status", Integer.parseInt(request.group(4)));
            json.writeNumberProperty("latencyMs", Long.parseLong(request.group(5)));
        }
    }
}
