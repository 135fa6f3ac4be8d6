package dev.sluice.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.application.fakes.TestApp;
import dev.sluice.application.port.in.RecordObservation.Observed;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.ErrorCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the chain watcher reports, in any order and with repeats: every observation id is
 * stored once, only validation_failed or invalid_transition is ever refused, and the stored
 * events of the session follow the lifecycle with sequence 1, 2, 3… and no gap.
 */
class RecordObservationPropertiesTest {

    record Report(ObservationDraft draft, int minutesLater) {
    }

    @Property(tries = 200)
    void any_stream_of_reports_keeps_the_session_legal_and_its_events_gap_free(@ForAll("reports") List<Report> reports) {
        TestApp app = new TestApp();
        DepositSession session = app.newSession(app.newWidget(), "100").session();
        Set<String> ids = new HashSet<>();
        for (Report report : reports) {
            app.clock.advance(Duration.ofMinutes(report.minutesLater()));
            try {
                Observed observed = app.recordObservation.record(TestApp.PROCESSOR, session.id().value(), report.draft(),
                        List.of());
                assertEquals(app.sessions.findById(session.id()).orElseThrow().status(), observed.session().status());
                ids.add(report.draft().observationId());
            } catch (DomainException e) {
                assertTrue(e.code() == ErrorCode.VALIDATION_FAILED || e.code() == ErrorCode.INVALID_TRANSITION,
                        e.code().name());
                if (e.code() == ErrorCode.INVALID_TRANSITION) {
                    ids.add(report.draft().observationId());
                }
            }
        }
        assertEquals(ids.size(), app.observations.all().size());
        List<SessionEvent> events = app.outbox.all();
        for (int i = 0; i < events.size(); i++) {
            SessionEvent event = events.get(i);
            assertEquals(i + 1, event.sequence());
            if (i > 0) {
                SessionEvent before = events.get(i - 1);
                assertEquals(before.status(), event.previousStatus());
                assertTrue(before.status() != event.status()
                        || !Objects.equals(before.session().amountReceived(), event.session().amountReceived()),
                        "an event only when the status or the amount received moved");
                assertEquals(event.session().statusAt(event.occurredAt()), event.status(), "the lifecycle's answer");
            }
        }
        assertEquals(events.getLast().status(), app.sessions.findById(session.id()).orElseThrow().status());
        assertEquals(events.size(), app.sessions.findById(session.id()).orElseThrow().lastSequence());
    }

    @Provide
    Arbitrary<List<Report>> reports() {
        Arbitrary<ObservationDraft> drafts = Combinators.combine(
                        Arbitraries.of("obs_1", "obs_2", "obs_3", "obs_4", "obs_5", "obs_6"),
                        Arbitraries.of("DETECTED", "CONFIRMED", "FAILED", "LOST"),
                        Arbitraries.of("0xa", "0xb").injectNull(0.2),
                        Arbitraries.of("50", "100", "100.0", "150", "1e2").injectNull(0.2))
                .as((id, kind, txId, amount) -> new ObservationDraft(id, kind, txId, amount, 1L, null));
        return Combinators.combine(drafts, Arbitraries.integers().between(0, 20)).as(Report::new).list().ofMaxSize(10);
    }
}
