package dev.sluice.adapters.kafka;

import dev.sluice.application.port.in.Caller;
import dev.sluice.application.port.in.RecordObservation;
import dev.sluice.domain.session.ObservationDraft;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionId;
import dev.sluice.domain.shared.DomainException;
import dev.sluice.domain.shared.Violation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The use case as the consumer sees it: refuses input violations with validation_failed like
 * the real one, and otherwise does what the test's {@code behaviour} says.
 */
final class FakeRecordObservation implements RecordObservation {
    record Call(Caller caller, String sessionId, ObservationDraft draft, List<Violation> violations) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Function<Call, RuntimeException> behaviour;

    /** {@code behaviour} returns the exception a call should throw, or null to succeed. */
    FakeRecordObservation(Function<Call, RuntimeException> behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public Observed record(Caller caller, String sessionId, ObservationDraft draft, List<Violation> inputViolations) {
        Call call = new Call(caller, sessionId, draft, inputViolations);
        calls.add(call);
        if (!inputViolations.isEmpty()) {
            throw DomainException.validationFailed(inputViolations);
        }
        RuntimeException failure = behaviour.apply(call);
        if (failure != null) {
            throw failure;
        }
        return new Observed(TestEvents.session(new SessionId(sessionId), PaymentStatus.PENDING, 2), Optional.empty());
    }

    List<String> observationIds() {
        return calls.stream().map(c -> c.draft().observationId()).toList();
    }
}
