package nl.trajectorytracker.api.values;

/** An organisation that takes part in a trajectory, identified by its name. */
public record Party(String organisationName, PartyType type) {

    public Party {
        organisationName = Require.text("organisationName", organisationName, 200);
        Require.present("type", type);
    }
}
