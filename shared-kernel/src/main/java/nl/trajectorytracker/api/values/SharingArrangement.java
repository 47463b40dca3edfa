package nl.trajectorytracker.api.values;

/**
 * How a gain or a loss is divided between financier and care provider.
 *
 * @param careProviderPercent the share of the care provider, 0 to 100; the financier bears or keeps the rest
 * @param capEur              an optional cap on the amount shared, in euros
 * @param description         the arrangement in words
 */
public record SharingArrangement(int careProviderPercent, Long capEur, String description) {

    public SharingArrangement {
        Require.between("careProviderPercent", careProviderPercent, 0, 100);
        if (capEur != null && capEur < 0) {
            throw new InvalidValueException("capEur", "must not be negative");
        }
        description = Require.optionalText("description", description, 2000);
    }
}
