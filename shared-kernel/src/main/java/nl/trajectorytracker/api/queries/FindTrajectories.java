package nl.trajectorytracker.api.queries;

import java.util.List;
import java.util.Locale;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Require;

/**
 * Asks for one page of the trajectory overview, newest activity first unless sorted otherwise. Every filter is
 * optional.
 *
 * @param organisation when set, only trajectories in which this organisation is a party; {@code null} for all (the
 *                     reader's scope)
 * @param phase        only trajectories currently in this phase
 * @param status       only trajectories with this status ({@code ACTIVE} or {@code CONCLUDED})
 * @param partyType    only trajectories with a party of this type
 * @param party        only trajectories in which this organisation is a party (a search filter)
 * @param text         only trajectories whose title contains this text, in any case
 * @param sort         a field of {@link #SORTABLE}, optionally followed by {@code ,asc} or {@code ,desc}
 */
public record FindTrajectories(int page, int size, String organisation, Phase phase, String status,
        PartyType partyType, String party, String text, String sort) {

    public static final int MAX_PAGE_SIZE = 200;
    public static final List<String> SORTABLE = List.of("lastActivityAt", "startedAt", "title", "phase", "status",
            "version");
    public static final List<String> STATUSES = List.of("ACTIVE", "CONCLUDED");

    public FindTrajectories {
        Require.between("page", page, 0, 1_000_000);
        Require.between("size", size, 1, MAX_PAGE_SIZE);
        organisation = Require.optionalText("organisation", organisation, 200);
        status = Require.optionalText("status", status, 20);
        if (status != null) {
            status = status.toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw new InvalidValueException("status", "must be one of " + STATUSES);
            }
        }
        party = Require.optionalText("party", party, 200);
        text = Require.optionalText("text", text, 200);
        sort = Require.optionalText("sort", sort, 40);
        if (sort != null) {
            String[] parts = sort.split(",", -1);
            if (parts.length > 2 || !SORTABLE.contains(parts[0].strip())
                    || parts.length == 2 && !List.of("asc", "desc").contains(parts[1].strip().toLowerCase(Locale.ROOT))) {
                throw new InvalidValueException("sort", "must be one of " + SORTABLE + ", optionally with ,asc or ,desc");
            }
        }
    }

    /** A page within the reader's scope, unfiltered. */
    public FindTrajectories(int page, int size, String organisation) {
        this(page, size, organisation, null, null, null, null, null, null);
    }

    /** All trajectories, whoever is a party. */
    public FindTrajectories(int page, int size) {
        this(page, size, null);
    }

    public String sortField() {
        return sort == null ? "lastActivityAt" : sort.split(",")[0].strip();
    }

    public boolean ascending() {
        return sort != null && sort.split(",").length == 2 && sort.split(",")[1].strip().equalsIgnoreCase("asc");
    }
}
