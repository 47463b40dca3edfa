package nl.trajectorytracker.api.values;

/** The kind of organisation taking part in a contracting trajectory. */
public enum PartyType {
    INSURER,
    CARE_PROVIDER,
    CARE_OFFICE,
    MUNICIPALITY,
    OTHER
}
