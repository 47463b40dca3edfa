package nl.trajectorytracker.api.values;

/** The five phases of the playbook, in the order a trajectory moves through them. */
public enum Phase {
    INTERNAL_PREPARATION,
    CO_DESIGN,
    NEGOTIATION,
    RUNNING_AGREEMENT,
    AFTER_AGREEMENT;

    /** The 1-based chapter number of the phase in the playbook. */
    public int number() {
        return ordinal() + 1;
    }

    public boolean isBefore(Phase other) {
        return compareTo(other) < 0;
    }

    public boolean isAfter(Phase other) {
        return compareTo(other) > 0;
    }

    /** The phase that follows this one, or {@code null} after the last. */
    public Phase next() {
        Phase[] phases = values();
        return ordinal() + 1 < phases.length ? phases[ordinal() + 1] : null;
    }
}
