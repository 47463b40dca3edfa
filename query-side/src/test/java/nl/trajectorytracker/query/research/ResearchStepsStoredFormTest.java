package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.query.readmodel.InMemoryMongo;
import nl.trajectorytracker.query.research.ResearchTrajectory.Step;
import nl.trajectorytracker.query.research.ResearchTrajectory.StepField;

/** A research step is stored as one JSON text and read back whole; a text of another shape is refused. */
class ResearchStepsStoredFormTest {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ResearchSteps steps = new ResearchSteps(mongo.template());

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    @Test
    void aStepIsStoredAsOneString_andReadBackWithEveryField() {
        Step step = new Step(0, "AgreementSigned", "NEGOTIATION", 41, "P-person", "O-insurer", List.of(
                new StepField("signatories.organisation", StepFields.ORGANISATION, "O-insurer", null),
                new StepField("signatories.organisation", StepFields.ORGANISATION, "O-provider", null),
                new StepField("terms.start", StepFields.DAY, null, 60L),
                new StepField("terms.model", StepFields.CATEGORY, "café \"quoted\"\n", null)));
        steps.record("T-key", step);

        Document stored = mongo.template().findAll(Document.class, ResearchSteps.COLLECTION).get(0);
        assertThat(stored.get("step")).isInstanceOf(String.class);
        assertThat(stored.getString("trajectory")).isEqualTo("T-key");

        Map<String, List<Step>> read = steps.read(List.of(trajectory("T-key")));
        assertThat(read.get("T-key")).containsExactly(step);
    }

    @Test
    void aStoredStepOfAnotherShape_failsTheReadInsteadOfLosingAField() {
        mongo.template().insert(new Document("_id", "T-key/" + ResearchSteps.padded(0)).append("trajectory", "T-key")
                .append("step", "{\"sequence\":0,\"type\":\"X\",\"phase\":\"NEGOTIATION\",\"day\":1,"
                        + "\"fields\":[],\"renamed\":true}"), ResearchSteps.COLLECTION);

        assertThatThrownBy(() -> steps.read(List.of(trajectory("T-key"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("renamed");
    }

    private static ResearchTrajectory trajectory(String key) {
        ResearchTrajectory trajectory = new ResearchTrajectory();
        trajectory.id = key;
        return trajectory;
    }
}
