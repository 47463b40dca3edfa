package nl.trajectorytracker.api.values;

import java.time.LocalDate;

/** A dated point in a plan: a planning milestone or a go/no-go moment. */
public record Milestone(String name, LocalDate due) {

    public Milestone {
        name = Require.text("name", name, 300);
        Require.present("due", due);
    }
}
