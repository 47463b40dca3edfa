package nl.trajectorytracker.api.values;

/** How care is paid for under an agreement. */
public enum ContractModel {
    FEE_FOR_SERVICE,
    BUNDLED_PAYMENT,
    SHARED_SAVINGS,
    POPULATION_BASED_CAPITATION,
    OUTCOME_BASED
}
