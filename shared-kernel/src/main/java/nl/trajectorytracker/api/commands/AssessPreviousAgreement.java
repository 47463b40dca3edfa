package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): assess previous agreement. */
public record AssessPreviousAgreement(
        TrajectoryId trajectoryId,
        String agreement,
        boolean servesOurGoals,
        String why,
        boolean contractingQuestion,
        TrajectoryId previousTrajectoryId,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AssessPreviousAgreement {
        Require.present("trajectoryId", trajectoryId);
        agreement = Require.text("agreement", agreement, 1000);
        why = Require.text("why", why, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AssessPreviousAgreement(TrajectoryId trajectoryId,
            String agreement,
            boolean servesOurGoals,
            String why,
            boolean contractingQuestion,
            TrajectoryId previousTrajectoryId,
            Actor actor,
            Instant at) {
        this(trajectoryId, agreement, servesOurGoals, why, contractingQuestion, previousTrajectoryId, actor, at, null);
    }
}
