package nl.trajectorytracker.api.values;

/**
 * Stable codes for every refusal the system can give. The REST layer maps each to an HTTP status and a
 * problem-detail type URN ({@code urn:trajectory-tracker:error:<code in kebab case>}), so clients can
 * rely on them across releases.
 */
public enum ErrorCode {
    INVALID_VALUE(Kind.VALIDATION),
    TRAJECTORY_NOT_FOUND(Kind.NOT_FOUND),
    TRAJECTORY_ALREADY_EXISTS(Kind.CONFLICT),
    CONCURRENT_MODIFICATION(Kind.CONFLICT),
    STALE_VERSION(Kind.PRECONDITION);

    /** How a refusal relates to the request, which decides its HTTP status. */
    public enum Kind {
        VALIDATION,
        NOT_FOUND,
        CONFLICT,
        PRECONDITION
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String urn() {
        return "urn:trajectory-tracker:error:" + name().toLowerCase().replace('_', '-');
    }
}
