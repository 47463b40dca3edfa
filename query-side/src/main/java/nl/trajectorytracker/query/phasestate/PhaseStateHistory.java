package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Moments;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.access.ReadScope;
import nl.trajectorytracker.query.readmodel.DatabaseFailures;

/**
 * Reconstructs the state of a trajectory's phases at a point on its two time axes from the event store (not from
 * the read model), with the same {@link PhaseStateFold} as the live projection. A step has happened at its
 * {@code occurredAt} (given by the client) and was recorded at its {@code recordedAt} (the event store's time); a
 * point may bound either or both, as a bitemporal table bounds application time and system time. Whatever the point,
 * the steps it includes are folded in the order they happened, as the live read model holds them: a step logged
 * later than it happened takes its place among the others, so that, say, the current BATNA is the one revised last,
 * not the one typed in last.
 */
@Component
public class PhaseStateHistory {

    /**
     * The order in which the steps happened: by {@code occurredAt}, steps of the same moment in the order they were
     * recorded; the start comes first whatever its time, since nothing happens in a trajectory before it starts.
     */
    private static final Comparator<StoredEvent> AS_HAPPENED = Comparator
            .comparing((StoredEvent event) -> event.payload() instanceof TrajectoryStarted ? Instant.MIN
                    : event.occurredAt())
            .thenComparingLong(StoredEvent::sequence);

    private final EventStore eventStore;

    public PhaseStateHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** One stored event of the trajectory: position, type, when it happened, when it was recorded, actor. */
    public record StoredEvent(long sequence, String type, Instant occurredAt, Instant recordedAt, String actor,
            Object payload) {
    }

    /**
     * Every event of the trajectory in the order recorded; 404 when there is none or the reader may not see it. The
     * reader's scope is checked on the first event, the start that names the parties, before the rest is read: a
     * foreign trajectory of thousands of events answered its 404 as much later than a missing one as it took to read
     * them, which told that it existed and how long it was.
     */
    public List<StoredEvent> events(TrajectoryId id, ReadScope scope) {
        DomainEventStream stream = eventStore.readEvents(id.value(), 0L);
        if (!stream.hasNext()) {
            throw notFound(id);
        }
        List<StoredEvent> events = new ArrayList<>();
        StoredEvent start;
        try {
            start = stored(stream.next());
        } catch (RuntimeException e) {
            // whose trajectory it is cannot be read: answered as any trajectory the reader may not see
            throw unreadableOrElse(e, notFound(id));
        }
        if (!(start.payload() instanceof TrajectoryStarted started) || !scope.permits(started.parties())) {
            throw notFound(id);
        }
        events.add(start);
        long sequence = 0;
        try {
            while (stream.hasNext()) {
                sequence++;
                events.add(stored(stream.next()));
            }
        } catch (RuntimeException e) {
            throw unreadableOrElse(e, new DomainException(ErrorCode.RECORD_UNREADABLE, "The stored record of trajectory "
                    + id.value() + " cannot be read as events from about sequence " + sequence + " (it was changed"
                    + " outside the service); its verification and its history show what is stored"));
        }
        return events;
    }

    /**
     * What to answer when stored events cannot be read: the database out of reach stays that failure; anything else
     * means a stored event is not one the application wrote.
     */
    private static RuntimeException unreadableOrElse(RuntimeException e, DomainException unreadable) {
        return DatabaseFailures.causedBy(e) ? e : unreadable;
    }

    private static StoredEvent stored(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        TrajectoryEvent event = payload instanceof TrajectoryEvent trajectoryEvent ? trajectoryEvent : null;
        String actor = event != null && event.actor() != null ? event.actor().principal() : null;
        Instant occurredAt = event != null && event.occurredAt() != null ? event.occurredAt() : message.getTimestamp();
        return new StoredEvent(message.getSequenceNumber(), message.getPayloadType().getSimpleName(), occurredAt,
                message.getTimestamp(), actor, payload);
    }

    private static DomainException notFound(TrajectoryId id) {
        return new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + id.value());
    }

    /** The state including exactly the events the point includes. */
    public Reconstruction reconstruct(TrajectoryId id, ReadScope scope, Point point) {
        return fold(events(id, scope), point);
    }

    /** Folds the events the point includes, in the order they happened. */
    public static Reconstruction fold(List<StoredEvent> events, Point point) {
        List<StoredEvent> included = new ArrayList<>();
        for (StoredEvent event : events) {
            if (point.includes(event)) {
                included.add(event);
            }
        }
        included.sort(AS_HAPPENED);
        PhaseState state = PhaseState.initial();
        StoredEvent last = null;
        for (StoredEvent event : included) {
            state = PhaseStateFold.apply(state, event.payload(), event.sequence(), event.recordedAt());
            if (last == null || event.sequence() > last.sequence()) {
                last = event;
            }
        }
        return new Reconstruction(point, state, last == null ? null
                : new LastEvent(last.sequence(), last.type(), last.occurredAt(), last.recordedAt()));
    }

    /** A state reconstructed up to a point, with the last event it includes ({@code null} before the first). */
    public record Reconstruction(Point point, PhaseState state, LastEvent lastEvent) {
    }

    /**
     * A point on the two time axes of a trajectory. {@code asOf} bounds when steps happened ("the state on the day we
     * signed, as we know it now"); {@code knownAt} when they were recorded ("what the record said on that day");
     * {@code version} is the record's own position, the last sequence number included. Each is optional and they
     * combine, except that {@code knownAt} and {@code version} both bound the record; {@link #now()} includes
     * everything.
     */
    public record Point(Instant asOf, Instant knownAt, Long version) {

        public Point {
            if (knownAt != null && version != null) {
                throw new InvalidValueException("knownAt", "give knownAt or version, not both");
            }
        }

        public static Point now() {
            return new Point(null, null, null);
        }

        public boolean isNow() {
            return asOf == null && knownAt == null && version == null;
        }

        boolean includes(StoredEvent event) {
            return (version == null || event.sequence() <= version)
                    && (knownAt == null || !event.recordedAt().isAfter(knownAt))
                    && (asOf == null || !event.occurredAt().isAfter(asOf));
        }

        /**
         * The point of the query parameters {@code asOf} and {@code knownAt} (moments: a date stands for the end of
         * that day in UTC, see {@link Moments}) and {@code version} (a number of 0 or more).
         */
        public static Point of(String asOf, String knownAt, String version) {
            return new Point(Moments.parse("asOf", asOf, Moments.DayEdge.END),
                    Moments.parse("knownAt", knownAt, Moments.DayEdge.END),
                    version == null ? null : version("version", version));
        }

        /**
         * One end of a diff: {@code value} is a moment along {@code occurredAt} (as {@code asOf}) or a version (a
         * number), {@code knownAt} a moment along {@code recordedAt}; {@code null} when both are absent or blank.
         */
        public static Point end(String parameter, String value, String knownAtParameter, String knownAt) {
            Instant known = Moments.parse(knownAtParameter, knownAt, Moments.DayEdge.END);
            if (value == null || value.isBlank()) {
                return known == null ? null : new Point(null, known, null);
            }
            String text = value.strip();
            if (text.chars().allMatch(Character::isDigit)) {
                if (known != null) {
                    throw new InvalidValueException(knownAtParameter, "give a version or knownAt, not both");
                }
                return new Point(null, null, version(parameter, text));
            }
            return new Point(Moments.parse(parameter, text, Moments.DayEdge.END), known, null);
        }

        public static Long version(String parameter, String value) {
            try {
                long version = Long.parseLong(value.strip());
                if (version < 0) {
                    throw new NumberFormatException();
                }
                return version;
            } catch (NumberFormatException e) {
                throw new InvalidValueException(parameter, "must be a version: a number of 0 or more");
            }
        }
    }
}
