package nl.trajectorytracker.api.values;

/** How much a stakeholder can sway the contracting process. */
public enum Influence {
    LOW,
    MEDIUM,
    HIGH
}
