package nl.trajectorytracker.api.values;

/** Whether a stakeholder sits inside the own organisation or outside it. */
public enum StakeholderScope {
    INTERNAL,
    EXTERNAL
}
