package nl.trajectorytracker.command.rest;

import java.util.List;

import nl.trajectorytracker.api.values.Party;

/**
 * Body of {@code POST /api/trajectories}.
 *
 * @param playbookVersion the playbook version to follow; the current one when absent
 * @param predecessorId   the trajectory this one follows up, if any
 * @param occurredAt      when the trajectory began, for history logged later (see {@link StepRequest})
 */
public record StartTrajectoryRequest(String title, List<Party> parties, String playbookVersion,
        String predecessorId, String occurredAt) implements StepRequest {
}
