package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): remove stakeholder. */
public record RemoveStakeholder(
        TrajectoryId trajectoryId,
        String stakeholderId,
        String why,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RemoveStakeholder {
        Require.present("trajectoryId", trajectoryId);
        stakeholderId = Require.text("stakeholderId", stakeholderId, 100);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RemoveStakeholder(TrajectoryId trajectoryId,
            String stakeholderId,
            String why,
            Actor actor,
            Instant at) {
        this(trajectoryId, stakeholderId, why, actor, at, null);
    }
}
