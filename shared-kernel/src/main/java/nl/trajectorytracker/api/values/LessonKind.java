package nl.trajectorytracker.api.values;

/** What is told to the outside world about a running agreement. */
public enum LessonKind {
    SUCCESS,
    LESSON
}
