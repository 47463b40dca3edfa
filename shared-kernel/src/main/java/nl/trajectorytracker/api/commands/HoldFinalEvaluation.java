package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 5, after the agreement): hold final evaluation. */
public record HoldFinalEvaluation(
        TrajectoryId trajectoryId,
        String form,
        List<String> outcomes,
        List<String> lessons,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public HoldFinalEvaluation {
        Require.present("trajectoryId", trajectoryId);
        form = Require.text("form", form, 300);
        outcomes = Require.texts("outcomes", outcomes, 50, 1000);
        lessons = Require.texts("lessons", lessons, 50, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public HoldFinalEvaluation(TrajectoryId trajectoryId,
            String form,
            List<String> outcomes,
            List<String> lessons,
            Actor actor,
            Instant at) {
        this(trajectoryId, form, outcomes, lessons, actor, at, null);
    }
}
