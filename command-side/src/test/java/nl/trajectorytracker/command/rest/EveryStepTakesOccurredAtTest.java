package nl.trajectorytracker.command.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Every endpoint that records a step lets the client say when it happened: its body is a {@link StepRequest}. */
class EveryStepTakesOccurredAtTest {

    @Test
    void everyCommandEndpoint_takesAnOptionalOccurredAt() throws Exception {
        List<String> without = new ArrayList<>();
        int endpoints = 0;
        for (JavaClass controller : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.trajectorytracker.command.rest")) {
            if (!controller.isAnnotatedWith(RestController.class)) {
                continue;
            }
            for (Method method : controller.reflect().getDeclaredMethods()) {
                if (!method.isAnnotationPresent(PostMapping.class)) {
                    continue;
                }
                endpoints++;
                boolean timed = Arrays.stream(method.getParameters())
                        .filter(parameter -> parameter.isAnnotationPresent(RequestBody.class))
                        .map(Parameter::getType)
                        .anyMatch(StepRequest.class::isAssignableFrom);
                if (!timed) {
                    without.add(controller.getSimpleName() + "." + method.getName());
                }
            }
        }

        assertThat(endpoints).isGreaterThan(50);
        assertThat(without).isEmpty();
        assertThat(StepRequest.class.getMethod("occurredAt").getReturnType()).isEqualTo(String.class);
    }
}
