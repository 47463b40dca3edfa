package nl.trajectorytracker.api.queries;

import nl.trajectorytracker.api.values.Require;

/** Asks for one page of the trajectory overview, newest activity first. */
public record FindTrajectories(int page, int size) {

    public static final int MAX_PAGE_SIZE = 200;

    public FindTrajectories {
        Require.between("page", page, 0, 1_000_000);
        Require.between("size", size, 1, MAX_PAGE_SIZE);
    }
}
