package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 1, internal preparation): assign team member. */
public record AssignTeamMember(
        TrajectoryId trajectoryId,
        String name,
        String role,
        List<String> knowledgeAndSkills,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public AssignTeamMember {
        Require.present("trajectoryId", trajectoryId);
        name = Require.text("name", name, 200);
        role = Require.text("role", role, 200);
        knowledgeAndSkills = Require.texts("knowledgeAndSkills", knowledgeAndSkills, 50, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public AssignTeamMember(TrajectoryId trajectoryId,
            String name,
            String role,
            List<String> knowledgeAndSkills,
            Actor actor,
            Instant at) {
        this(trajectoryId, name, role, knowledgeAndSkills, actor, at, null);
    }
}
