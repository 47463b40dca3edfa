package nl.trajectorytracker.command.trajectory;

import static nl.trajectorytracker.command.trajectory.StepCatalogue.ID;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NEGOTIATOR;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.NOW;
import static nl.trajectorytracker.command.trajectory.StepCatalogue.TERMS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.ProposalMade;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.values.GateCondition;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.StakeholderScope;

/** Snapshots are the aggregate written by the message serializer: its whole state must survive the round trip. */
class AggregateSnapshotTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void theAggregateState_survivesAJsonRoundTrip() throws Exception {
        TrajectoryAggregate aggregate = new TrajectoryAggregate();
        aggregate.on(TrajectoryFixtures.started());
        aggregate.on(new StakeholderAdded(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL, "Voice",
                List.of("Short waiting times"), Influence.HIGH, false, NEGOTIATOR, NOW));
        aggregate.on(new BatnaDefined(ID, "Other hospitals", "Capacity", false, NEGOTIATOR, NOW));
        aggregate.on(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, NEGOTIATOR,
                NOW));
        aggregate.on(new ProposalMade(ID, "P1", StepCatalogue.INSURER, TERMS, false, NEGOTIATOR, NOW));

        JsonNode written = MAPPER.valueToTree(aggregate);
        TrajectoryAggregate read = MAPPER.treeToValue(written, TrajectoryAggregate.class);

        assertThat(written.get("phase").asText()).isEqualTo("CO_DESIGN");
        assertThat(written.get("stakeholders")).hasSize(1);
        assertThat(written.get("batnaDefined").asBoolean()).isTrue();
        assertThat(written.at("/proposals/P1/proposer").asText()).isEqualTo(StepCatalogue.INSURER);
        assertThat(written.at("/phaseEnteredAt/CO_DESIGN").asText()).isEqualTo(NOW.toString());
        assertThat(written.has("latestChange")).isTrue(); // fed by Axon, which this test bypasses
        assertThat(written.at("/batnaDefinedAt").asText()).isEqualTo(NOW.toString());
        assertThat(written.at("/overriddenOnEntering/CO_DESIGN").isArray()).isTrue();
        assertThat(MAPPER.valueToTree(read).toString()).isEqualTo(written.toString());
    }

    /** A snapshot written before the aggregate kept these moments loads with them unknown, which refuses nothing. */
    @Test
    void aSnapshotFromBeforeTheMomentsWereKept_stillLoads_withTheMomentsUnknown() throws Exception {
        TrajectoryAggregate aggregate = new TrajectoryAggregate();
        aggregate.on(TrajectoryFixtures.started());
        aggregate.on(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, NEGOTIATOR,
                NOW));
        com.fasterxml.jackson.databind.node.ObjectNode older = MAPPER.valueToTree(aggregate);
        older.remove(List.of("phaseEnteredAt", "concludedAt", "latestChange", "strategicGoalSetAt",
                "contractingQuestions", "batnaDefinedAt", "goalAgreedAt", "goNoGoDecisions", "agreementSignedAt"));

        TrajectoryAggregate read = MAPPER.treeToValue(older, TrajectoryAggregate.class);
        JsonNode reread = MAPPER.valueToTree(read);

        assertThat(reread.get("phase").asText()).isEqualTo("CO_DESIGN");
        assertThat(reread.get("phaseEnteredAt")).isEmpty();
        assertThat(reread.at("/latestChange/happenedAt").isNull()).isTrue();
        assertThat(reread.get("goNoGoDecisions")).isEmpty();
    }

    /** A snapshot written before the aggregate kept each advance's overrides loads with them unknown. */
    @Test
    void aSnapshotFromBeforeTheOverridesWereKept_stillLoads_withTheOverridesUnknown() throws Exception {
        TrajectoryAggregate aggregate = new TrajectoryAggregate();
        aggregate.on(TrajectoryFixtures.started());
        aggregate.on(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN,
                List.of(GateCondition.STRATEGIC_GOAL_SET), "Goal follows", NEGOTIATOR, NOW));
        com.fasterxml.jackson.databind.node.ObjectNode older = MAPPER.valueToTree(aggregate);
        assertThat(older.at("/overriddenOnEntering/CO_DESIGN/0").asText()).isEqualTo("STRATEGIC_GOAL_SET");
        older.remove("overriddenOnEntering");

        TrajectoryAggregate read = MAPPER.treeToValue(older, TrajectoryAggregate.class);
        JsonNode reread = MAPPER.valueToTree(read);

        assertThat(reread.at("/phaseEnteredAt/CO_DESIGN").asText()).isEqualTo(NOW.toString());
        assertThat(reread.get("overriddenOnEntering")).isEmpty();
    }
}
