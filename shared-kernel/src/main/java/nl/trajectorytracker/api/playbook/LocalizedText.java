package nl.trajectorytracker.api.playbook;

/** A text of the playbook in English, with the Dutch original. */
public record LocalizedText(String en, String nl) {
}
