package nl.trajectorytracker.api.values;

/** A party outside the negotiating table whose help the agreement needs. */
public enum NetworkPartyKind {
    OTHER_INSURER,
    CARE_OFFICE,
    MUNICIPALITY,
    REGIONAL_NETWORK,
    PATIENT_ORGANISATION,
    OTHER
}
