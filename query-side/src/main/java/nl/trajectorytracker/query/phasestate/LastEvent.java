package nl.trajectorytracker.query.phasestate;

import java.time.Instant;

/** The last event a state includes: its sequence number in the trajectory's stream, type and stored time. */
public record LastEvent(long sequence, String type, Instant timestamp) {
}
