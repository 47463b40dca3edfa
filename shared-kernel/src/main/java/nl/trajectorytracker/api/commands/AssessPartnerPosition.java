package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): assess partner position. */
public record AssessPartnerPosition(
        TrajectoryId trajectoryId,
        String party,
        String position,
        List<String> interests,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AssessPartnerPosition {
        Require.present("trajectoryId", trajectoryId);
        party = Require.text("party", party, 200);
        position = Require.text("position", position, 2000);
        interests = Require.texts("interests", interests, 50, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AssessPartnerPosition(TrajectoryId trajectoryId,
            String party,
            String position,
            List<String> interests,
            Actor actor,
            Instant at) {
        this(trajectoryId, party, position, interests, actor, at, null);
    }
}
