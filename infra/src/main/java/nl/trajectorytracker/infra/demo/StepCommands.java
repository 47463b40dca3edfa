package nl.trajectorytracker.infra.demo;

import java.time.Instant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Turns a step written as JSON (the command's simple name and the fields of its request body, as in the REST API)
 * into the real command record of {@code nl.trajectorytracker.api.commands}, with the trajectory, actor and time
 * supplied here, as the REST adapter supplies them from the path, the principal and the clock.
 */
public final class StepCommands {

    private static final String COMMANDS = "nl.trajectorytracker.api.commands.";
    private static final java.util.List<String> TRAJECTORY_REFERENCES = java.util.List.of("followUpTrajectoryId",
            "previousTrajectoryId", "predecessorId");

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ObjectMapper json() {
        return json;
    }

    /**
     * The command named {@code commandName} with the fields of {@code body}, addressed to {@code trajectory}, sent
     * by {@code actor} at {@code at}, without an expected version.
     */
    public Object command(String commandName, ObjectNode body, TrajectoryId trajectory, Actor actor, Instant at) {
        Class<?> type = commandType(commandName);
        ObjectNode fields = body.deepCopy();
        fields.remove(ScriptFields.ALL);
        for (String reference : TRAJECTORY_REFERENCES) {
            if (fields.path(reference).isTextual()) {
                fields.set(reference, json.valueToTree(new TrajectoryId(fields.get(reference).asText())));
            }
        }
        fields.set("trajectoryId", json.valueToTree(trajectory));
        fields.set("actor", json.valueToTree(actor));
        fields.set("at", json.valueToTree(at));
        fields.putNull("expectedVersion");
        try {
            return json.treeToValue(fields, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Step " + commandName + " is not a valid command: "
                    + rootMessage(e), e);
        }
    }

    private static Class<?> commandType(String commandName) {
        try {
            return Class.forName(COMMANDS + commandName);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("No command named " + commandName, e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** The fields of a scripted step that describe the step rather than the command. */
    static final class ScriptFields {
        static final java.util.List<String> ALL = java.util.List.of("command", "on", "as");

        private ScriptFields() {
        }
    }
}
