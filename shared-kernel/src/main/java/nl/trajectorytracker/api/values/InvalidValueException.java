package nl.trajectorytracker.api.values;

/** A message or value object was built from input that breaks one of its rules; names the field. */
public class InvalidValueException extends DomainException {

    private final String field;

    public InvalidValueException(String field, String problem) {
        super(ErrorCode.INVALID_VALUE, field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
