package nl.trajectorytracker.api.playbook;

/** A guiding question of the playbook, with a stable id such as {@code P1.BATNA}. */
public record GuidingQuestion(String id, LocalizedText text) {
}
