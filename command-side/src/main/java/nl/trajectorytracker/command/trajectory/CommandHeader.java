package nl.trajectorytracker.command.trajectory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

import nl.trajectorytracker.api.values.Actor;

/**
 * What every trajectory command carries beside its content: the actor and, for steps, the version the sender
 * expects. Read from the command record's {@code actor} and {@code expectedVersion} components, looked up once per
 * command class.
 */
final class CommandHeader {

    private record Accessors(Method actor, Method expectedVersion) {
    }

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            Method actor = null;
            Method expectedVersion = null;
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components == null ? new RecordComponent[0] : components) {
                if (component.getName().equals("actor") && component.getType() == Actor.class) {
                    actor = component.getAccessor();
                } else if (component.getName().equals("expectedVersion") && component.getType() == Long.class) {
                    expectedVersion = component.getAccessor();
                }
            }
            return new Accessors(actor, expectedVersion);
        }
    };

    private CommandHeader() {
    }

    /** The actor of the command, or {@code null} when it names none. */
    static Actor actorOf(Object command) {
        return (Actor) read(ACCESSORS.get(command.getClass()).actor(), command);
    }

    /** The version the command expects the trajectory to be at, or {@code null} for whatever is current. */
    static Long expectedVersionOf(Object command) {
        return (Long) read(ACCESSORS.get(command.getClass()).expectedVersion(), command);
    }

    private static Object read(Method accessor, Object command) {
        if (accessor == null) {
            return null;
        }
        try {
            return accessor.invoke(command);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + accessor.getName() + " of "
                    + command.getClass().getSimpleName(), e);
        }
    }
}
