package nl.trajectorytracker.infra.security;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.infra.eventstore.CommitReader;
import nl.trajectorytracker.query.access.PartiesOnRecord;

/**
 * The parties of a trajectory as its first stored event names them, which the audit chain covers: read from the
 * commit as stored (one look-up by key, or one {@code $in} for a page), without decrypting or upcasting anything, so
 * a foreign trajectory and a missing one cost the same.
 */
@Component
public class RecordedParties implements PartiesOnRecord {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STARTED = TrajectoryStarted.class.getName();

    private final CommitReader commits;

    public RecordedParties(CommitReader commits) {
        this.commits = commits;
    }

    /** Whether the trajectory's record names the organisation a party; false when there is none or it is unreadable. */
    public boolean isParty(String organisation, String trajectoryId) {
        return isParty(organisation, commits.commitStartingAt(trajectoryId, 0));
    }

    @Override
    public Set<String> partyOf(String organisation, Collection<String> trajectoryIds) {
        Set<String> parties = new HashSet<>();
        for (Document first : commits.firstCommitsOf(trajectoryIds)) {
            if (first.get("agg") instanceof String id && isParty(organisation, first)) {
                parties.add(id);
            }
        }
        return parties;
    }

    private static boolean isParty(String organisation, Document first) {
        if (first == null || !(first.get("events") instanceof List<?> events) || events.isEmpty()
                || !(events.get(0) instanceof Document start) || !STARTED.equals(start.get("ptype"))
                || !(start.get("payload") instanceof String payload)) {
            return false;
        }
        try {
            for (JsonNode party : JSON.readTree(payload).path("parties")) {
                if (organisation.equals(party.path("organisationName").textValue())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
