package nl.trajectorytracker.api.playbook;

import java.util.List;

/** A topic of a phase and the guiding questions it raises. */
public record PlaybookTopic(String id, LocalizedText title, List<GuidingQuestion> questions) {

    public PlaybookTopic {
        questions = List.copyOf(questions);
    }
}
