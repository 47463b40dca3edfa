package nl.trajectorytracker.infra.audit;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import nl.trajectorytracker.infra.audit.verification.StoredCommit;

/** Reads the event store's commit documents into {@link StoredCommit}s, field by field as stored. */
final class StoredCommits {

    private StoredCommits() {
    }

    static StoredCommit of(Document commit) {
        List<StoredCommit.StoredEvent> events = new ArrayList<>();
        List<?> stored = commit.get("events") instanceof List<?> list ? list : List.of();
        for (Object item : stored) {
            if (item instanceof Document event) {
                events.add(new StoredCommit.StoredEvent(text(event, "id"), number(event, "seq"), text(event, "ts"),
                        text(event, "ptype"), text(event, "rev"), text(event, "payload"), text(event, "meta"),
                        text(event, "prev"), text(event, "hash")));
            }
        }
        Long position = number(commit, "_id");
        return new StoredCommit(position == null ? -1 : position, text(commit, "key"), text(commit, "agg"),
                text(commit, "type"), number(commit, "first"), number(commit, "last"), events, text(commit, "sig"),
                commit.get("vouched") instanceof Boolean vouched ? vouched : null);
    }

    /** A field as text; a field of another type (written behind the application's back) reads as its string. */
    static String text(Document document, String field) {
        Object value = document.get(field);
        return value == null ? null : value.toString();
    }

    private static Long number(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : null;
    }
}
