package nl.trajectorytracker.api.values;

/** Where a goal from the context comes from. */
public enum ContextKind {
    REGION,
    NATIONAL_AGREEMENT,
    OTHER
}
