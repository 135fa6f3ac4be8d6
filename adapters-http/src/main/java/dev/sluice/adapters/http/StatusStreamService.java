package dev.sluice.adapters.http;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.GetDepositSession;
import dev.sluice.application.port.out.StoreUnavailableException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /api/v1/widgets/deposit-sessions/{sessionId}/status-stream} (api.md, Status stream):
 * server-sent events written on the plain response output. The session at once, then again after
 * each change the {@link StatusStreams} watcher reports, a comment line when nothing was written
 * for {@link #HEARTBEAT} (which is also how a reader that went away is noticed and its place
 * freed), and the end after {@link #LIFETIME}. The credential was checked and the
 * session read before the first byte, so a refusal is an ordinary problem document.
 */
final class StatusStreamService implements HttpService {
    static final String PATH = "/api/v1/widgets/deposit-sessions/{sessionId}/status-stream";
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);

    private final Endpoints endpoints;
    private final Authentication authentication;
    private final Origins origins;
    private final GetDepositSession getSession;
    private final StatusStreams streams;
    private final long heartbeatNanos;
    private final long lifetimeNanos;

    StatusStreamService(Endpoints endpoints, Authentication authentication, Origins origins,
            GetDepositSession getSession, StatusStreams streams, Duration heartbeat, Duration lifetime) {
        this.endpoints = endpoints;
        this.authentication = authentication;
        this.origins = origins;
        this.getSession = getSession;
        this.streams = streams;
        this.heartbeatNanos = heartbeat.toNanos();
        this.lifetimeNanos = lifetime.toNanos();
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, PATH, this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) throws InterruptedException {
        String sessionId = req.path().pathParameters().get("sessionId");
        Caller caller = authentication.admit(req, sessionId);
        Optional<String> origin = origins.host(req);
        long lastEventId = lastEventId(req);
        try (StatusStreams.Subscription subscription = streams.open(sessionId)) {
            GetDepositSession.SessionView view = getSession.get(caller, sessionId, origin);
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            // tells a buffering reverse proxy (nginx) to pass each event on at once
            res.header(HeaderNames.create("X-Accel-Buffering"), "no");
            // the connection ends with the stream: an idle keep-alive one would hold up a stop, and a
            // reader reconnects rarely enough that reusing it gains nothing
            res.header(HeaderValues.CONNECTION_CLOSE);
            try (OutputStream out = res.outputStream()) {
                follow(out, subscription, caller, sessionId, origin, view, lastEventId);
            } catch (UncheckedIOException | IOException e) {
                // the reader went away; nothing to tell anyone
            }
        }
    }

    private void follow(OutputStream out, StatusStreams.Subscription subscription, Caller caller, String sessionId,
            Optional<String> origin, GetDepositSession.SessionView first, long lastEventId)
            throws IOException, InterruptedException {
        long sent = lastEventId;
        if (first.session().lastSequence() > lastEventId) {
            sent = send(out, first);
        } else {
            comment(out, "up to date");
        }
        long end = System.nanoTime() + lifetimeNanos;
        long lastWrite = System.nanoTime();
        while (!subscription.ended()) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                return;
            }
            long wait = Math.min(end - now, lastWrite + heartbeatNanos - now);
            if (subscription.awaitChangeAfter(sent, wait)) {
                try {
                    GetDepositSession.SessionView view = getSession.get(caller, sessionId, origin);
                    if (view.session().lastSequence() > sent) {
                        sent = send(out, view);
                        lastWrite = System.nanoTime();
                    }
                } catch (StoreUnavailableException e) {
                    // still announced, so the next round reads again
                    Thread.sleep(STORE_RETRY);
                }
            } else if (System.nanoTime() - (lastWrite + heartbeatNanos) >= 0) {
                comment(out, "");
                lastWrite = System.nanoTime();
            }
        }
    }

    private static long send(OutputStream out, GetDepositSession.SessionView view) throws IOException {
        long sequence = view.session().lastSequence();
        byte[] data = JsonIo.MAPPER.writeValueAsBytes(view.fullView()
                ? SessionJson.fullView(view.session()) : SessionJson.publicView(view.session()));
        out.write(("event: status\nid: " + sequence + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        // compact JSON holds no line break, so one data line carries it whole
        out.write(data);
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        return sequence;
    }

    private static void comment(OutputStream out, String text) throws IOException {
        out.write((":" + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The sequence a reconnecting reader already has; -1 (none) when absent or not a number. */
    private static long lastEventId(ServerRequest req) {
        try {
            return req.headers().first(LAST_EVENT_ID).map(String::strip).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
