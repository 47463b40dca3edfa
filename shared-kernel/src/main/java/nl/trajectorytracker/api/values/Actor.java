package nl.trajectorytracker.api.values;

/**
 * Who performed a step: the authenticated principal, never a value taken from a request body.
 *
 * @param principal    the stable name of the authenticated account; personal data, {@value PersonalData#ERASED}
 *                     once the person has been erased
 * @param organisation the organisation the account acts for, or {@code null} for roles bound to none
 */
public record Actor(@PersonalData String principal, String organisation) {

    public Actor {
        principal = Require.text("actor.principal", principal, 200);
        organisation = organisation == null ? null : Require.storableText("actor.organisation", organisation);
    }

    public static Actor system() {
        return new Actor("system", null);
    }
}
