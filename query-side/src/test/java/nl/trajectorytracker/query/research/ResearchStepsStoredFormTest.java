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

/** A research step is stored as one JSON text and read back whole; a text in another form is refused. */
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
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "step");
        assertThat(stored.getString("_id")).startsWith("T-key/");

        Map<String, List<Step>> read = steps.read(List.of(trajectory("T-key")));
        assertThat(read.get("T-key")).containsExactly(step);
    }

    @Test
    void aStoredStepInAnotherForm_failsTheReadInsteadOfLosingAField() {
        mongo.template().insert(new Document("_id", "T-old/" + ResearchSteps.padded(0))
                .append("step", "{\"sequence\":0,\"type\":\"X\",\"phase\":\"NEGOTIATION\",\"day\":1,"
                        + "\"fields\":[]}"), ResearchSteps.COLLECTION);
        mongo.template().insert(new Document("_id", "T-cut/" + ResearchSteps.padded(0)).append("step", "[0,\"X\""),
                ResearchSteps.COLLECTION);

        assertThatThrownBy(() -> steps.read(List.of(trajectory("T-old"))))
                .as("the form before values were stored as arrays").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A stored research step is not a step");
        assertThatThrownBy(() -> steps.read(List.of(trajectory("T-cut")))).isInstanceOf(IllegalStateException.class);
    }

    private static ResearchTrajectory trajectory(String key) {
        ResearchTrajectory trajectory = new ResearchTrajectory();
        trajectory.id = key;
        return trajectory;
    }
}
