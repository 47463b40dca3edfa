package nl.trajectorytracker.api.values;

/** A condition of a phase gate: what must be recorded before a trajectory may enter the next phase. */
public enum GateCondition {
    STRATEGIC_GOAL_SET(Phase.CO_DESIGN, "a strategic goal is set"),
    CONTRACTING_QUESTION_CONFIRMED(Phase.CO_DESIGN,
            "the previous agreement is assessed and there is a contracting question"),
    BATNA_DEFINED(Phase.NEGOTIATION, "a BATNA is defined"),
    GOAL_AGREED(Phase.NEGOTIATION, "at least one goal is agreed with the counterparty"),
    NOT_STOPPED_BY_NO_GO(Phase.NEGOTIATION, "the last go/no-go decision was not a no-go"),
    AGREEMENT_SIGNED(Phase.RUNNING_AGREEMENT, "an agreement is signed"),
    AGREEMENT_ENDED(Phase.AFTER_AGREEMENT, "the signed agreement has reached its end date");

    private final Phase gateTo;
    private final String description;

    GateCondition(Phase gateTo, String description) {
        this.gateTo = gateTo;
        this.description = description;
    }

    /** The phase this condition guards the entrance of. */
    public Phase gateTo() {
        return gateTo;
    }

    public String description() {
        return description;
    }
}
