package nl.trajectorytracker.api.commands;

import java.time.Instant;
import java.time.LocalDate;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 4, running agreement): measure indicator. */
public record MeasureIndicator(
        TrajectoryId trajectoryId,
        String indicatorId,
        String value,
        LocalDate measuredOn,
        String note,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public MeasureIndicator {
        Require.present("trajectoryId", trajectoryId);
        indicatorId = Require.text("indicatorId", indicatorId, 100);
        value = Require.text("value", value, 200);
        Require.present("measuredOn", measuredOn);
        note = Require.optionalText("note", note, 2000);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public MeasureIndicator(TrajectoryId trajectoryId,
            String indicatorId,
            String value,
            LocalDate measuredOn,
            String note,
            Actor actor,
            Instant at) {
        this(trajectoryId, indicatorId, value, measuredOn, note, actor, at, null);
    }
}
