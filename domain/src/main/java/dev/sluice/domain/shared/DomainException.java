package dev.sluice.domain.shared;

import java.util.List;
import java.util.Objects;

/**
 * A request that the rules refuse. The adapters translate the {@link ErrorCode} into their
 * protocol (HTTP status and problem details, a dead-letter reason) in one place each.
 */
public final class DomainException extends RuntimeException {
    private final ErrorCode code;
    private final List<Violation> violations;

    public DomainException(ErrorCode code, String detail, List<Violation> violations) {
        super(detail);
        this.code = Objects.requireNonNull(code, "code");
        this.violations = List.copyOf(violations);
    }

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public static DomainException validationFailed(List<Violation> violations) {
        String detail = violations.size() == 1
                ? "1 field is invalid"
                : violations.size() + " fields are invalid";
        return new DomainException(ErrorCode.VALIDATION_FAILED, detail, violations);
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public ErrorCode code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
