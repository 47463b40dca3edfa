package nl.trajectorytracker.api.values;

/** A refusal by the domain, carrying a stable {@link ErrorCode}. */
public class DomainException extends RuntimeException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
