package nl.trajectorytracker.api.values;

/** A person who signed an agreement on behalf of one of the parties. */
public record Signatory(String name, String organisation, String role) {

    public Signatory {
        name = Require.text("name", name, 200);
        organisation = Require.text("organisation", organisation, 200);
        role = Require.optionalText("role", role, 200);
    }
}
