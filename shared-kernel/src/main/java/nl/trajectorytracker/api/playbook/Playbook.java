package nl.trajectorytracker.api.playbook;

import java.util.List;
import java.util.Optional;

import nl.trajectorytracker.api.values.Phase;

/** One version of the playbook: five phases, their topics and guiding questions. */
public record Playbook(String version, LocalizedText title, String source, LocalizedText motto,
        List<PlaybookPhase> phases) {

    public Playbook {
        phases = List.copyOf(phases);
    }

    public Optional<GuidingQuestion> question(String id) {
        return phases.stream().flatMap(phase -> phase.topics().stream())
                .flatMap(topic -> topic.questions().stream())
                .filter(question -> question.id().equals(id))
                .findFirst();
    }

    /** The phase whose chapter asks the given question. */
    public Optional<Phase> phaseOf(String questionId) {
        return phases.stream()
                .filter(phase -> phase.topics().stream().flatMap(topic -> topic.questions().stream())
                        .anyMatch(question -> question.id().equals(questionId)))
                .map(PlaybookPhase::phase)
                .findFirst();
    }
}
