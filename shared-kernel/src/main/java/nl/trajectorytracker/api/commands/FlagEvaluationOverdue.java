package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.time.LocalDate;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Flags the evaluation moment scheduled for {@code scheduledFor} as overdue. Sent by the system's scheduled check,
 * not by negotiators; flagging a moment that is flagged or held already changes nothing.
 */
public record FlagEvaluationOverdue(
        TrajectoryId trajectoryId,
        LocalDate scheduledFor,
        Actor actor,
        Instant at) implements TrajectoryCommand {

    public FlagEvaluationOverdue {
        Require.present("trajectoryId", trajectoryId);
        Require.present("scheduledFor", scheduledFor);
        Require.present("actor", actor);
        Require.present("at", at);
    }
}
