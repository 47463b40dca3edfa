package nl.trajectorytracker.api.values;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text component of a message as personal data (a person's name or contact details). It is stored
 * encrypted with a key per person; erasing the person deletes the key, after which the value reads as
 * {@value #ERASED} everywhere while the stored events stay byte for byte the same.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** What a value reads as once its person has been erased. */
    String ERASED = "[erased]";

    /**
     * The name of the sibling component that names the person this value belongs to (for example the name beside
     * an e-mail address); empty when the value itself names the person.
     */
    String subject() default "";
}
