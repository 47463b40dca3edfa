package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 2, co-design): establish joint fact. */
public record EstablishJointFact(
        TrajectoryId trajectoryId,
        String fact,
        String dataSource,
        List<String> acceptedBy,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public EstablishJointFact {
        Require.present("trajectoryId", trajectoryId);
        fact = Require.text("fact", fact, 2000);
        dataSource = Require.text("dataSource", dataSource, 500);
        acceptedBy = Require.texts("acceptedBy", acceptedBy, 50, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public EstablishJointFact(TrajectoryId trajectoryId,
            String fact,
            String dataSource,
            List<String> acceptedBy,
            Actor actor,
            Instant at) {
        this(trajectoryId, fact, dataSource, acceptedBy, actor, at, null);
    }
}
