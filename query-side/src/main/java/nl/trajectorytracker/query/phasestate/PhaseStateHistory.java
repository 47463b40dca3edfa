package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.access.ReadScope;

/**
 * Reconstructs the state of a trajectory's phases as of a moment or a version from the event store (not from the
 * read model), with the same {@link PhaseStateFold} as the live projection.
 */
@Component
public class PhaseStateHistory {

    private final EventStore eventStore;

    public PhaseStateHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** One stored event of the trajectory: position, type, time, actor. */
    public record StoredEvent(long sequence, String type, Instant timestamp, String actor, Object payload) {
    }

    /** Every event of the trajectory in order; 404 when there is none or the reader may not see it. */
    public List<StoredEvent> events(TrajectoryId id, ReadScope scope) {
        List<StoredEvent> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(id.value(), 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            String actor = payload instanceof nl.trajectorytracker.api.events.TrajectoryEvent event
                    && event.actor() != null ? event.actor().principal() : null;
            events.add(new StoredEvent(message.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                    message.getTimestamp(), actor, payload));
        }
        List<Party> parties = events.stream().map(StoredEvent::payload)
                .filter(TrajectoryStarted.class::isInstance).map(TrajectoryStarted.class::cast)
                .map(TrajectoryStarted::parties).findFirst().orElse(null);
        if (events.isEmpty() || parties == null || !scope.permits(parties)) {
            throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + id.value());
        }
        return events;
    }

    /** The state including exactly the events at or before the point. */
    public Reconstruction reconstruct(TrajectoryId id, ReadScope scope, Point point) {
        return fold(events(id, scope), point);
    }

    /** Folds the given events up to the point. */
    public static Reconstruction fold(List<StoredEvent> events, Point point) {
        PhaseState state = PhaseState.initial();
        StoredEvent last = null;
        for (StoredEvent event : events) {
            if (!point.includes(event.sequence(), event.timestamp())) {
                break;
            }
            state = PhaseStateFold.apply(state, event.payload(), event.sequence(), event.timestamp());
            last = event;
        }
        return new Reconstruction(point, state,
                last == null ? null : new LastEvent(last.sequence(), last.type(), last.timestamp()));
    }

    /** A state reconstructed up to a point, with the last event it includes ({@code null} before the first). */
    public record Reconstruction(Point point, PhaseState state, LastEvent lastEvent) {
    }

    /** A moment or a version of a trajectory; {@link #now()} includes everything. */
    public record Point(Instant asOf, Long version) {

        public static Point now() {
            return new Point(null, null);
        }

        boolean includes(long sequence, Instant timestamp) {
            if (version != null && sequence > version) {
                return false;
            }
            return asOf == null || timestamp == null || !timestamp.isAfter(asOf);
        }

        /**
         * Reads a moment (ISO-8601 instant such as {@code 2026-03-01T12:00:00Z}) or a version (a non-negative
         * number); anything else is refused naming the parameter.
         */
        public static Point parse(String parameter, String value) {
            if (value == null || value.isBlank()) {
                throw new nl.trajectorytracker.api.values.InvalidValueException(parameter,
                        "must be a moment (ISO-8601, e.g. 2026-03-01T12:00:00Z) or a version (a number)");
            }
            String text = value.trim();
            if (text.chars().allMatch(Character::isDigit)) {
                return new Point(null, version(parameter, text));
            }
            return new Point(instant(parameter, text), null);
        }

        public static Long version(String parameter, String value) {
            try {
                long version = Long.parseLong(value.trim());
                if (version < 0) {
                    throw new NumberFormatException();
                }
                return version;
            } catch (NumberFormatException e) {
                throw new nl.trajectorytracker.api.values.InvalidValueException(parameter,
                        "must be a version: a number of 0 or more");
            }
        }

        public static Instant instant(String parameter, String value) {
            try {
                return Instant.parse(value.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new nl.trajectorytracker.api.values.InvalidValueException(parameter,
                        "must be a moment in ISO-8601 form, e.g. 2026-03-01T12:00:00Z");
            }
        }
    }
}
