package nl.trajectorytracker.infra.projections;

import java.util.List;

/**
 * Published (as a Spring application event) when a rebuild is about to read the event store from its start: what an
 * instance keeps of the state the events are read with (the keys of personal data) it reads anew from here.
 */
public record RebuildStarting(List<String> readModels) {
}
