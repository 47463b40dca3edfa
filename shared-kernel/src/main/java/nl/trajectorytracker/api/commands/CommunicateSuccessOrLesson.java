package nl.trajectorytracker.api.commands;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.LessonKind;
import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Playbook step (phase 4, running agreement): communicate success or lesson. */
public record CommunicateSuccessOrLesson(
        TrajectoryId trajectoryId,
        LessonKind kind,
        String message,
        String channel,
        Actor actor,
        Instant at,
        Long expectedVersion) implements TrajectoryCommand {

    public CommunicateSuccessOrLesson {
        Require.present("trajectoryId", trajectoryId);
        Require.present("kind", kind);
        message = Require.text("message", message, 2000);
        channel = Require.text("channel", channel, 300);
        Require.present("actor", actor);
        Require.present("at", at);
    }

    /** Without an expected version: the step applies to whatever version is current. */
    public CommunicateSuccessOrLesson(TrajectoryId trajectoryId,
            LessonKind kind,
            String message,
            String channel,
            Actor actor,
            Instant at) {
        this(trajectoryId, kind, message, channel, actor, at, null);
    }
}
