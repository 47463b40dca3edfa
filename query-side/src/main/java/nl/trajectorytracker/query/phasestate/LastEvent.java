package nl.trajectorytracker.query.phasestate;

import java.time.Instant;

/**
 * The last event a state includes (the one with the highest sequence number in the trajectory's stream): its type,
 * when its step happened and when the event store recorded it.
 */
public record LastEvent(long sequence, String type, Instant occurredAt, Instant recordedAt) {
}
