package nl.trajectorytracker.api.playbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.trajectorytracker.api.values.InvalidValueException;

/**
 * The published versions of the playbook, read once from {@code /playbook/playbook-<version>.json} on the class
 * path. The playbook is a living document: a trajectory records the version it follows, and old versions stay
 * available so its guiding-question ids keep their meaning.
 */
public final class Playbooks {

    public static final String CURRENT_VERSION = "2025.1";

    static final List<String> VERSIONS = List.of("2025.1");

    private static final Map<String, Playbook> BY_VERSION = VERSIONS.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), Playbooks::load));

    private Playbooks() {
    }

    public static Playbook current() {
        return BY_VERSION.get(CURRENT_VERSION);
    }

    public static Optional<Playbook> version(String version) {
        return Optional.ofNullable(version).map(BY_VERSION::get);
    }

    public static List<String> versions() {
        return VERSIONS;
    }

    /** Refuses a version that was never published, naming the field it came from. */
    public static Playbook requireKnown(String field, String version) {
        return version(version).orElseThrow(() -> new InvalidValueException(field,
                "is not a published playbook version (known: " + String.join(", ", VERSIONS) + ")"));
    }

    private static Playbook load(String version) {
        String resource = "/playbook/playbook-" + version + ".json";
        try (InputStream in = Playbooks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing playbook resource " + resource);
            }
            Playbook playbook = new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, Playbook.class);
            if (!version.equals(playbook.version())) {
                throw new IllegalStateException(resource + " declares version " + playbook.version());
            }
            return playbook;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
