package nl.trajectorytracker.api.playbook;

import java.util.List;

import nl.trajectorytracker.api.values.Phase;

/**
 * One chapter of the playbook: its theme and topics, and the pitfalls and success factors practitioners collect
 * for it (the prompts say what belongs there; the lists grow with new versions of the playbook).
 */
public record PlaybookPhase(
        Phase phase,
        int number,
        LocalizedText name,
        LocalizedText theme,
        List<PlaybookTopic> topics,
        LocalizedText pitfallsPrompt,
        LocalizedText successFactorsPrompt,
        List<LocalizedText> pitfalls,
        List<LocalizedText> successFactors) {

    public PlaybookPhase {
        topics = List.copyOf(topics);
        pitfalls = pitfalls == null ? List.of() : List.copyOf(pitfalls);
        successFactors = successFactors == null ? List.of() : List.copyOf(successFactors);
    }
}
