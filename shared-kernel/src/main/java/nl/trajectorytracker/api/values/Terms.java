package nl.trajectorytracker.api.values;

/**
 * The substance of a proposal or an agreement: contract model, duration and how gains and losses are shared.
 * A shared-savings model without a gain-sharing arrangement shares nothing, so it is refused.
 */
public record Terms(
        ContractModel model,
        int durationMonths,
        SharingArrangement gainSharing,
        SharingArrangement lossSharing,
        String description) {

    public static final int MAX_DURATION_MONTHS = 240;

    public Terms {
        Require.present("model", model);
        Require.between("durationMonths", durationMonths, 1, MAX_DURATION_MONTHS);
        if (model == ContractModel.SHARED_SAVINGS && gainSharing == null) {
            throw new InvalidValueException("gainSharing", "is required for a shared-savings model");
        }
        description = Require.optionalText("description", description, 2000);
    }
}
