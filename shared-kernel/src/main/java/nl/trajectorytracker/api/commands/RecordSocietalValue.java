package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): record societal value. */
public record RecordSocietalValue(
        TrajectoryId trajectoryId,
        String value,
        boolean landsWithNegotiatingParties,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordSocietalValue {
        Require.present("trajectoryId", trajectoryId);
        value = Require.text("value", value, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordSocietalValue(TrajectoryId trajectoryId,
            String value,
            boolean landsWithNegotiatingParties,
            Actor actor,
            Instant at) {
        this(trajectoryId, value, landsWithNegotiatingParties, actor, at, null);
    }
}
