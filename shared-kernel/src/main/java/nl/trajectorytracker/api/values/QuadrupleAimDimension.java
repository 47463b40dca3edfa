package nl.trajectorytracker.api.values;

/** The four aims a goal can serve (the quadruple aim). */
public enum QuadrupleAimDimension {
    QUALITY_OF_CARE,
    COST_EFFICIENCY,
    POPULATION_HEALTH,
    STAFF_WORK_SATISFACTION
}
