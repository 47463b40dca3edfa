package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 3, negotiation): escalate deadlock. */
public record EscalateDeadlock(
        TrajectoryId trajectoryId,
        String deadlockId,
        String issue,
        String escalationLevel,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public EscalateDeadlock {
        Require.present("trajectoryId", trajectoryId);
        deadlockId = Require.text("deadlockId", deadlockId, 100);
        issue = Require.text("issue", issue, 2000);
        escalationLevel = Require.text("escalationLevel", escalationLevel, 200);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public EscalateDeadlock(TrajectoryId trajectoryId,
            String deadlockId,
            String issue,
            String escalationLevel,
            Actor actor,
            Instant at) {
        this(trajectoryId, deadlockId, issue, escalationLevel, actor, at, null);
    }
}
