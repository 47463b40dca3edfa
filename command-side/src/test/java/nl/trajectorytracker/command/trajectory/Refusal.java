package nl.trajectorytracker.command.trajectory;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;

/** Matchers for the refusals of the aggregate, by error code or by the field they name. */
final class Refusal {

    private Refusal() {
    }

    static Matcher<DomainException> refusedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code ").appendValue(code);
            }

            @Override
            protected void describeMismatchSafely(DomainException e, Description description) {
                description.appendText("was ").appendValue(e.code()).appendText(": ").appendText(e.getMessage());
            }
        };
    }

    static Matcher<InvalidValueException> invalid(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidValueException e) {
                return e.field().equals(field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an invalid value in field ").appendValue(field);
            }

            @Override
            protected void describeMismatchSafely(InvalidValueException e, Description description) {
                description.appendText("was ").appendText(e.getMessage());
            }
        };
    }
}
