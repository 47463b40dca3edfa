package nl.trajectorytracker.api.values;

/** How a trajectory ended. */
public enum Outcome {
    /** The agreement ran its term. */
    AGREEMENT_FULFILLED,
    /** No agreement: the party fell back on its best alternative. */
    FALLBACK_TO_BATNA,
    /** The trajectory was stopped without agreement and without using the alternative. */
    ABANDONED
}
