package nl.trajectorytracker.api.queries;

import nl.trajectorytracker.api.values.Require;

/**
 * Asks for one page of the trajectory overview, newest activity first.
 *
 * @param organisation when set, only trajectories in which this organisation is a party; {@code null} for all
 */
public record FindTrajectories(int page, int size, String organisation) {

    public static final int MAX_PAGE_SIZE = 200;

    public FindTrajectories {
        Require.between("page", page, 0, 1_000_000);
        Require.between("size", size, 1, MAX_PAGE_SIZE);
        organisation = Require.optionalText("organisation", organisation, 200);
    }

    /** All trajectories, whoever is a party. */
    public FindTrajectories(int page, int size) {
        this(page, size, null);
    }
}
