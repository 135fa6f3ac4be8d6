package dev.sluice.domain.session;

import static dev.sluice.domain.shared.TextRules.length;
import static dev.sluice.domain.shared.TextRules.present;

import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.shared.Violation;
import dev.sluice.domain.shared.Violations;
import java.time.Instant;
import java.util.List;

/**
 * A simulated payment of a test session: a new transaction ({@code test_…}) with the outcome the
 * merchant wants to see. {@code amount} is required unless the outcome is FAILED.
 */
public record PaymentSimulation(ObservationKind outcome, Amount amount) {

    /** The request's fields checked, or {@code validation_failed} with every broken rule and {@code alreadyFound}. */
    public static PaymentSimulation check(String outcome, String amount, List<Violation> alreadyFound) {
        Violations violations = new Violations().addAll(alreadyFound);
        ObservationKind kind = null;
        if (!violations.hasField("outcome") && present(violations, "outcome", outcome)) {
            try {
                kind = ObservationKind.valueOf(outcome);
            } catch (IllegalArgumentException e) {
                violations.add("outcome", "invalid_value", "must be CONFIRMED, DETECTED or FAILED");
            }
        }
        Amount checked = null;
        if (!violations.hasField("amount")) {
            if (amount == null) {
                if (kind != null && kind != ObservationKind.FAILED) {
                    violations.add("amount", "required", "is required unless the outcome is FAILED");
                }
            } else if (length(violations, "amount", amount, 1, Amount.MAX_LENGTH)) {
                if (Amount.isWellFormed(amount)) {
                    checked = new Amount(amount);
                } else {
                    violations.add("amount", "invalid_format", "must be a decimal number such as 100.50");
                }
            }
        }
        violations.throwIfAny();
        return new PaymentSimulation(kind, checked);
    }

    /**
     * What a chain watcher would report about a new transaction with this outcome: a confirmation,
     * a detection, or a detection and then its failure (a transaction fails only once it was seen).
     */
    public List<Observation> observations(Instant now) {
        String txId = RandomTokens.id("test_");
        Observation seen = new Observation(RandomTokens.id("obs_sim_"), ObservationKind.DETECTED, txId, amount, 0L,
                now);
        return switch (outcome) {
            case DETECTED -> List.of(seen);
            case CONFIRMED -> List.of(new Observation(RandomTokens.id("obs_sim_"), ObservationKind.CONFIRMED, txId,
                    amount, 1L, now));
            case FAILED -> List.of(seen, new Observation(RandomTokens.id("obs_sim_"), ObservationKind.FAILED, txId,
                    null, 0L, now));
        };
    }
}
