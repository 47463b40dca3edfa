package nl.trajectorytracker.infra.axon;

import static java.lang.String.format;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds a command's target trajectory and expected version as Axon's {@code AnnotationCommandTargetResolver} does
 * (the first method, then the first field, annotated {@link TargetAggregateIdentifier} or
 * {@link TargetAggregateVersion}), but looks the members up once per command class: Axon's copies every method and
 * field of the class and inspects their annotations for every command.
 */
final class CachingCommandTargetResolver implements CommandTargetResolver {

    /** The annotated members of one command class; {@code null} where there is none. */
    private record Targets(AccessibleObject identifier, AccessibleObject version) {
    }

    private final Map<Class<?>, Targets> targets = new ConcurrentHashMap<>();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Targets found = targets.computeIfAbsent(command.getPayloadType(),
                type -> new Targets(annotated(type, TargetAggregateIdentifier.class),
                        annotated(type, TargetAggregateVersion.class)));
        Object identifier;
        Long version;
        try {
            identifier = valueOf(found.identifier(), command.getPayload());
            version = asLong(valueOf(found.version(), command.getPayload()));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate "
                    + "information form a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The current security context does not allow extraction of "
                    + "aggregate information from the given command.", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(format("Invalid command. It does not identify the target aggregate. "
                    + "Make sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    private static AccessibleObject annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object valueOf(AccessibleObject member, Object command)
            throws InvocationTargetException, IllegalAccessException {
        if (member instanceof Method method) {
            return method.invoke(command);
        }
        return member instanceof Field field ? field.get(command) : null;
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }
}
