package dev.sluice.domain.session;

import static dev.sluice.domain.shared.TextRules.length;
import static dev.sluice.domain.shared.TextRules.present;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.shared.Violations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The observation rules of api.md, every violation collected. */
public final class ObservationRules {
    private ObservationRules() {
    }

    public static Observation check(ObservationDraft draft, Instant now) {
        return check(draft, List.of(), now);
    }

    /**
     * The observation, or {@code validation_failed} with every broken rule together with
     * {@code alreadyFound} (wrong JSON types found by the adapter); a field named there is not
     * checked again. A missing {@code observedAt} means now.
     */
    public static Observation check(ObservationDraft draft, List<Violation> alreadyFound, Instant now) {
        Violations violations = new Violations().addAll(alreadyFound);
        String observationId = draft.observationId();
        if (!violations.hasField("observationId") && present(violations, "observationId", observationId)) {
            length(violations, "observationId", observationId, 1, 128);
        }
        ObservationKind kind = violations.hasField("kind") ? null : checkKind(violations, draft.kind());
        if (!violations.hasField("txId")) {
            checkTxId(violations, kind, draft.txId());
        }
        Amount received = violations.hasField("amountReceived") ? null
                : checkAmountReceived(violations, kind, draft.amountReceived());
        if (!violations.hasField("confirmations") && draft.confirmations() != null && draft.confirmations() < 0) {
            violations.add("confirmations", "below_minimum", "must be at least 0");
        }
        Instant observedAt = violations.hasField("observedAt") ? null : checkObservedAt(violations, draft.observedAt(), now);
        violations.throwIfAny();
        return new Observation(observationId, kind, draft.txId(), received, draft.confirmations(), observedAt);
    }

    private static ObservationKind checkKind(Violations violations, String kind) {
        if (!present(violations, "kind", kind)) {
            return null;
        }
        for (ObservationKind candidate : ObservationKind.values()) {
            if (candidate.name().equals(kind)) {
                return candidate;
            }
        }
        violations.add("kind", "invalid_value", "must be DETECTED, CONFIRMED or FAILED");
        return null;
    }

    private static void checkTxId(Violations violations, ObservationKind kind, String txId) {
        boolean required = kind == ObservationKind.DETECTED || kind == ObservationKind.CONFIRMED;
        if (txId == null) {
            if (required) {
                violations.add("txId", "required", "is required for " + kind);
            }
            return;
        }
        length(violations, "txId", txId, 1, 128);
    }

    private static Amount checkAmountReceived(Violations violations, ObservationKind kind, String text) {
        if (text == null) {
            if (kind == ObservationKind.CONFIRMED) {
                violations.add("amountReceived", "required", "is required for CONFIRMED");
            }
            return null;
        }
        if (!length(violations, "amountReceived", text, 1, Amount.MAX_LENGTH)) {
            return null;
        }
        if (!Amount.isWellFormed(text)) {
            violations.add("amountReceived", "invalid_format", "must be a decimal number such as 100.50");
            return null;
        }
        return new Amount(text);
    }

    private static Instant checkObservedAt(Violations violations, String text, Instant now) {
        if (text == null) {
            return now;
        }
        try {
            return Instant.parse(text.toUpperCase(Locale.ROOT)).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            violations.add("observedAt", "invalid_format", "must be an ISO 8601 instant such as 2026-06-09T12:30:00.000Z");
            return null;
        }
    }
}
