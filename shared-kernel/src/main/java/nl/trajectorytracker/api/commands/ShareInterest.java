package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): share interest. */
public record ShareInterest(
        TrajectoryId trajectoryId,
        String party,
        String interest,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public ShareInterest {
        Require.present("trajectoryId", trajectoryId);
        party = Require.text("party", party, 200);
        interest = Require.text("interest", interest, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public ShareInterest(TrajectoryId trajectoryId,
            String party,
            String interest,
            Actor actor,
            Instant at) {
        this(trajectoryId, party, interest, actor, at, null);
    }
}
