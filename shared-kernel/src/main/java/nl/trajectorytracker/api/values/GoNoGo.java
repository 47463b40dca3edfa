package nl.trajectorytracker.api.values;

/** The outcome of a go/no-go moment. */
public enum GoNoGo {
    GO,
    NO_GO
}
