package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): add stakeholder. */
public record AddStakeholder(
        TrajectoryId trajectoryId,
        String stakeholderId,
        String name,
        StakeholderScope scope,
        String role,
        List<String> interests,
        Influence influence,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AddStakeholder {
        Require.present("trajectoryId", trajectoryId);
        stakeholderId = Require.text("stakeholderId", stakeholderId, 100);
        name = Require.text("name", name, 200);
        Require.present("scope", scope);
        role = Require.text("role", role, 500);
        interests = Require.texts("interests", interests, 50, 1000);
        Require.present("influence", influence);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AddStakeholder(TrajectoryId trajectoryId,
            String stakeholderId,
            String name,
            StakeholderScope scope,
            String role,
            List<String> interests,
            Influence influence,
            Actor actor,
            Instant at) {
        this(trajectoryId, stakeholderId, name, scope, role, interests, influence, actor, at, null);
    }
}
