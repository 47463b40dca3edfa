package nl.trajectorytracker.api.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Phase;

class PlaybookTest {

    private final Playbook playbook = Playbooks.current();

    @Test
    void theCurrentPlaybook_hasTheFivePhasesInOrder() {
        assertThat(playbook.version()).isEqualTo(Playbooks.CURRENT_VERSION);
        assertThat(playbook.phases()).extracting(PlaybookPhase::phase).containsExactly(Phase.values());
        assertThat(playbook.phases()).extracting(PlaybookPhase::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(playbook.phases().get(0).theme().nl()).isEqualTo("Verkennen");
    }

    @Test
    void everyGuidingQuestion_hasAUniqueIdOfItsPhase_andTextInEnglishAndDutch() {
        List<String> ids = playbook.phases().stream()
                .flatMap(phase -> phase.topics().stream()
                        .flatMap(topic -> topic.questions().stream())
                        .peek(question -> {
                            assertThat(question.id()).startsWith("P" + phase.number() + ".");
                            assertThat(question.text().en()).isNotBlank();
                            assertThat(question.text().nl()).isNotBlank();
                        }))
                .map(GuidingQuestion::id)
                .toList();

        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(50).contains("P1.BATNA", "P3.DURATION");
    }

    @Test
    void everyPhase_hasSlotsForPitfallsAndSuccessFactors() {
        assertThat(playbook.phases()).allSatisfy(phase -> {
            assertThat(phase.pitfallsPrompt().nl()).startsWith("Valkuilen");
            assertThat(phase.successFactorsPrompt().en()).isNotBlank();
            assertThat(phase.pitfalls()).isNotNull();
            assertThat(phase.successFactors()).isNotNull();
        });
    }

    @Test
    void aQuestion_isFoundWithItsPhase() {
        assertThat(playbook.question("P1.BATNA")).get()
                .satisfies(question -> assertThat(question.text().nl()).startsWith("Wat is onze BATNA"));
        assertThat(playbook.phaseOf("P4.TELL_THE_WORLD")).contains(Phase.RUNNING_AGREEMENT);
        assertThat(playbook.phaseOf("P9.NOPE")).isEmpty();
    }

    @Test
    void anUnpublishedVersion_isRefused_namingTheField() {
        assertThat(Playbooks.version("1999.1")).isEmpty();
        assertThatThrownBy(() -> Playbooks.requireKnown("playbookVersion", "1999.1"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("playbookVersion"));
    }
}
