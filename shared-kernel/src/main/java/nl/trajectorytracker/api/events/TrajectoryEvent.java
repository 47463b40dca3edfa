package nl.trajectorytracker.api.events;

import java.time.Instant;

import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.TrajectoryId;

/** Every fact recorded about a trajectory says which trajectory, who and when. */
public interface TrajectoryEvent {

    TrajectoryId trajectoryId();

    Actor actor();

    Instant occurredAt();
}
