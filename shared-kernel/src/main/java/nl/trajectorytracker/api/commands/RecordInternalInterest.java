package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): record internal interest. */
public record RecordInternalInterest(
        TrajectoryId trajectoryId,
        String interest,
        String heldBy,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordInternalInterest {
        Require.present("trajectoryId", trajectoryId);
        interest = Require.text("interest", interest, 2000);
        heldBy = Require.text("heldBy", heldBy, 200);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordInternalInterest(TrajectoryId trajectoryId,
            String interest,
            String heldBy,
            Actor actor,
            Instant at) {
        this(trajectoryId, interest, heldBy, actor, at, null);
    }
}
