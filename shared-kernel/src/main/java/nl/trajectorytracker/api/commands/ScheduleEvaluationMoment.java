package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.time.LocalDate;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): schedule evaluation moment. */
public record ScheduleEvaluationMoment(
        TrajectoryId trajectoryId,
        LocalDate date,
        String purpose,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public ScheduleEvaluationMoment {
        Require.present("trajectoryId", trajectoryId);
        Require.present("date", date);
        purpose = Require.text("purpose", purpose, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public ScheduleEvaluationMoment(TrajectoryId trajectoryId,
            LocalDate date,
            String purpose,
            Actor actor,
            Instant at) {
        this(trajectoryId, date, purpose, actor, at, null);
    }
}
