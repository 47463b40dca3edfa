package nl.trajectorytracker.command.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.trajectorytracker.api.commands.AdvancePhase;
import nl.trajectorytracker.api.commands.ConcludeTrajectory;
import nl.trajectorytracker.api.commands.StartFollowUpTrajectory;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/**
 * Every text field of every command refuses text that would not read back as it was written (a lone surrogate, a
 * noncharacter, a control character), naming the field: such text would be replaced on its way into the store and
 * make the hash chain of an honest step fail verification.
 */
class UnstorableTextTest {

    private static final List<String> UNSTORABLE = List.of("a \ud800 b", "a \udc00", "x\uFFFE", "x\uFFFF y",
            "\uFDD0", "bell\u0007", "nul\u0000", "c1\u0085");

    static Stream<Object> commands() {
        List<Object> commands = new ArrayList<>();
        StepCatalogue.STEPS.forEach(step -> commands.add(step.command().apply(StepCatalogue.NEGOTIATOR)));
        commands.add(new StartTrajectory(StepCatalogue.ID, "Zilveren Kruis and Ziekenhuis Amstelland",
                StepCatalogue.PARTIES, StepCatalogue.NEGOTIATOR, StepCatalogue.NOW));
        commands.add(new AdvancePhase(StepCatalogue.ID, Phase.CO_DESIGN, "The board wants to move on",
                StepCatalogue.NEGOTIATOR, StepCatalogue.NOW));
        commands.add(new ConcludeTrajectory(StepCatalogue.ID, Outcome.AGREEMENT_FULFILLED, "Signed and evaluated",
                StepCatalogue.NEGOTIATOR, StepCatalogue.NOW, null));
        commands.add(new StartFollowUpTrajectory(StepCatalogue.ID, new TrajectoryId(
                "0e1d2c3b-4a59-4867-8765-43210fedcba9"), "The next five years", StepCatalogue.NEGOTIATOR,
                StepCatalogue.NOW));
        return commands.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyTextField_refusesUnstorableText_naming_the_field(Object command) {
        List<Variant> variants = variants(command, "");
        for (String text : UNSTORABLE) {
            for (Variant variant : variants) {
                try {
                    variant.build(text).get();
                    fail(command.getClass().getSimpleName() + "." + variant.path() + " accepted "
                            + text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
                } catch (InvalidValueException refused) {
                    assertThat(namedBy(variant.path())).contains(refused.field().replaceAll("\\[\\d+]", ""));
                }
            }
        }
        assertThat(variants).as("text fields of " + command.getClass().getSimpleName()).isNotNull();
    }

    /** The names a refusal may give a field at this path: its own, or (inside a value object) the value's. */
    private static List<String> namedBy(String path) {
        String[] segments = path.split("\\.");
        // a TrajectoryId names itself, wherever it sits
        List<String> names = new ArrayList<>(List.of(path, segments[segments.length - 1], "trajectoryId"));
        if (segments.length > 1) {
            names.add(segments[segments.length - 2]);
            names.add(segments[segments.length - 2] + "." + segments[segments.length - 1]);
        }
        return names;
    }

    /** One text field somewhere in a message, and how to build the message with another text there. */
    private record Variant(String path, java.util.function.Function<String, Supplier<Object>> builder) {

        Supplier<Object> build(String text) {
            return builder.apply(text);
        }
    }

    private static List<Variant> variants(Object value, String prefix) {
        List<Variant> found = new ArrayList<>();
        if (value == null || !value.getClass().isRecord()) {
            return found;
        }
        RecordComponent[] components = value.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            int index = i;
            String path = prefix + components[i].getName();
            Object current = read(components[i], value);
            if (components[i].getType() == String.class) {
                found.add(new Variant(path, text -> () -> rebuild(value, index, text)));
            } else if (current instanceof List<?> list) {
                for (int j = 0; j < list.size(); j++) {
                    int element = j;
                    Object item = list.get(j);
                    if (item instanceof String) {
                        found.add(new Variant(path, text -> () -> rebuild(value, index, replaced(list, element,
                                text))));
                    } else {
                        for (Variant inner : variants(item, path + ".")) {
                            found.add(new Variant(inner.path(), text -> () -> rebuild(value, index,
                                    replaced(list, element, inner.build(text).get()))));
                        }
                    }
                }
            } else if (current != null && current.getClass().isRecord()) {
                for (Variant inner : variants(current, path + ".")) {
                    found.add(new Variant(inner.path(), text -> () -> rebuild(value, index,
                            inner.build(text).get())));
                }
            }
        }
        return found;
    }

    private static List<Object> replaced(List<?> list, int index, Object item) {
        List<Object> copy = new ArrayList<>(list);
        copy.set(index, item);
        return copy;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object rebuild(Object record, int index, Object replacement) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = i == index ? replacement : read(components[i], record);
        }
        try {
            return record.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
