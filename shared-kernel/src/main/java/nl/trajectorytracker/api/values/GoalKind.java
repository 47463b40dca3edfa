package nl.trajectorytracker.api.values;

/** SMART goals can be measured against a target; directional goals set a desired direction only. */
public enum GoalKind {
    SMART,
    DIRECTIONAL
}
