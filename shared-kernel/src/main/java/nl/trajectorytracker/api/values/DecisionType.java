package nl.trajectorytracker.api.values;

import java.util.Locale;

/** The kinds of entries in the decision history of a trajectory. */
public enum DecisionType {
    DECISION,
    GO_NO_GO,
    BATNA_DEFINED,
    BATNA_REVISED,
    PROPOSAL_ACCEPTED,
    PROPOSAL_REJECTED,
    AGREEMENT_SIGNED,
    PHASE_ADVANCED,
    PHASE_GATE_OVERRIDDEN,
    CONTRACT_AMENDED,
    TRAJECTORY_CONCLUDED,
    EVALUATION_OVERDUE;

    /** Reads a type from a request parameter, in any case; blank is none. */
    public static DecisionType parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "must be one of " + java.util.Arrays.toString(values()));
        }
    }
}
