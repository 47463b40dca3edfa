package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.util.List;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (any phase): record decision. */
public record RecordDecision(
        TrajectoryId trajectoryId,
        String decisionId,
        String decision,
        String rationale,
        List<String> alternativesConsidered,
        List<String> evidence,
        String guidingQuestionId,
        List<String> agreedBy,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public RecordDecision {
        Require.present("trajectoryId", trajectoryId);
        decisionId = Require.text("decisionId", decisionId, 100);
        decision = Require.text("decision", decision, 2000);
        rationale = Require.text("rationale", rationale, 4000);
        alternativesConsidered = Require.optionalTexts("alternativesConsidered", alternativesConsidered, 50, 1000);
        evidence = Require.optionalTexts("evidence", evidence, 50, 1000);
        guidingQuestionId = Require.optionalText("guidingQuestionId", guidingQuestionId, 50);
        agreedBy = Require.optionalTexts("agreedBy", agreedBy, 50, 1000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public RecordDecision(TrajectoryId trajectoryId,
            String decisionId,
            String decision,
            String rationale,
            List<String> alternativesConsidered,
            List<String> evidence,
            String guidingQuestionId,
            List<String> agreedBy,
            Actor actor,
            Instant at) {
        this(trajectoryId, decisionId, decision, rationale, alternativesConsidered, evidence, guidingQuestionId,
                agreedBy, actor, at, null);
    }
}
