package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 4, running agreement): hold relationship check in. */
public record HoldRelationshipCheckIn(
        TrajectoryId trajectoryId,
        List<String> participants,
        String summary,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public HoldRelationshipCheckIn {
        Require.present("trajectoryId", trajectoryId);
        participants = Require.texts("participants", participants, 50, 1000);
        summary = Require.text("summary", summary, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public HoldRelationshipCheckIn(TrajectoryId trajectoryId,
            List<String> participants,
            String summary,
            Actor actor,
            Instant at) {
        this(trajectoryId, participants, summary, actor, at, null);
    }
}
