package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): record counterparty goals. */
public record RecordCounterpartyGoals(
        TrajectoryId trajectoryId,
        String party,
        List<String> goals,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordCounterpartyGoals {
        Require.present("trajectoryId", trajectoryId);
        party = Require.text("party", party, 200);
        goals = Require.texts("goals", goals, 50, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordCounterpartyGoals(TrajectoryId trajectoryId,
            String party,
            List<String> goals,
            Actor actor,
            Instant at) {
        this(trajectoryId, party, goals, actor, at, null);
    }
}
