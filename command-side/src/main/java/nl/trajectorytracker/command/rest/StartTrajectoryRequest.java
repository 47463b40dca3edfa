package nl.trajectorytracker.command.rest;

import java.util.List;

import nl.trajectorytracker.api.values.Party;

/**
 * Body of {@code POST /api/trajectories}. It names no predecessor: a follow-up is started at
 * {@code POST /api/trajectories/{id}/follow-ups}, which checks both trajectories (a predecessor named here was
 * recorded unchecked, foreign or missing).
 *
 * @param playbookVersion the playbook version to follow; the current one when absent
 * @param occurredAt      when the trajectory began, for history logged later (see {@link StepRequest})
 */
public record StartTrajectoryRequest(String title, List<Party> parties, String playbookVersion, String occurredAt)
        implements StepRequest {
}
