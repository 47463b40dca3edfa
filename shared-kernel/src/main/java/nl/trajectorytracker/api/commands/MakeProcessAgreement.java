package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): make process agreement. */
public record MakeProcessAgreement(
        TrajectoryId trajectoryId,
        List<String> rulesOfConduct,
        List<String> escalationLevels,
        List<Milestone> goNoGoMoments,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public MakeProcessAgreement {
        Require.present("trajectoryId", trajectoryId);
        rulesOfConduct = Require.texts("rulesOfConduct", rulesOfConduct, 50, 1000);
        escalationLevels = Require.texts("escalationLevels", escalationLevels, 50, 1000);
        goNoGoMoments = Require.optionalList("goNoGoMoments", goNoGoMoments, 50);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public MakeProcessAgreement(TrajectoryId trajectoryId,
            List<String> rulesOfConduct,
            List<String> escalationLevels,
            List<Milestone> goNoGoMoments,
            Actor actor,
            Instant at) {
        this(trajectoryId, rulesOfConduct, escalationLevels, goNoGoMoments, actor, at, null);
    }
}
