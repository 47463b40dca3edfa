package nl.trajectorytracker.query.phasestate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.api.values.Phase;

/**
 * What changed between two states of the same trajectory: a structural comparison of their JSON with readable
 * paths, and highlights in words (BATNA v2 → v3, phase advanced, goals revised, items added).
 *
 * <p>Items of a list are matched by identity, never by position, so that an item added or removed is reported once
 * and the items around it are not reported as changed. An item's identity is, in this order: its id where the list
 * keeps one item per id ({@code stakeholders[stakeholderId=S1]}, {@code answeredQuestions[questionId=P1.BATNA]},
 * {@code progress[phase=CO_DESIGN]}, {@code parties[organisationName=...]}); else the sequence number of the event
 * that added it ({@code runningAgreement.amendments[#57]}); else, for plain values and small value objects, the
 * value itself ({@code answeredBy[]}: such an item is only ever added or removed). An identity that two items of one
 * list share falls back to the value. The order of a list is not compared.
 */
public final class PhaseStateDiff {

    /** Whether a path appeared, disappeared or has another value. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** One difference; {@code before} and {@code after} are plain JSON values. */
    public record Change(Kind kind, String path, Object before, Object after) {
    }

    private static final Set<String> BOOKKEEPING = Set.of("version", "lastRecordedAt", "lastOccurredAt");

    /** The lists that hold one item per id, by list name, and the id's member. */
    private static final Map<String, String> ID_FIELDS = Map.of(
            "progress", "phase",
            "parties", "organisationName",
            "stakeholders", "stakeholderId",
            "answeredQuestions", "questionId",
            "openQuestions", "questionId");

    private PhaseStateDiff() {
    }

    public static List<Change> changes(PhaseState from, PhaseState to) {
        List<Change> changes = new ArrayList<>();
        compare("", PhaseStateJson.toTree(from), PhaseStateJson.toTree(to), changes);
        return changes;
    }

    /** The differences in words, most telling first. */
    public static List<String> highlights(PhaseState from, PhaseState to, List<Change> changes) {
        List<String> lines = new ArrayList<>();
        if (!Objects.equals(from.currentPhase(), to.currentPhase())) {
            lines.add("Phase advanced: " + from.currentPhase() + " → " + to.currentPhase());
        }
        List<PhaseState.Batna> before = from.internalPreparation().batna();
        List<PhaseState.Batna> after = to.internalPreparation().batna();
        if (after.size() > before.size()) {
            PhaseState.Batna now = after.get(after.size() - 1);
            lines.add(before.isEmpty() ? "BATNA defined (v" + now.revision() + "): " + now.batna()
                    : "BATNA revised: v" + before.get(before.size() - 1).revision() + " → v" + now.revision() + ": "
                            + now.batna() + " (why: " + now.why() + ")");
        }
        for (PhaseState.StrategicGoal goal : to.internalPreparation().strategicGoals()) {
            from.internalPreparation().strategicGoals().stream()
                    .filter(old -> old.goalId().equals(goal.goalId()) && !old.goal().equals(goal.goal()))
                    .findFirst()
                    .ifPresent(old -> lines.add("Strategic goal " + goal.goalId() + " revised: \"" + old.goal()
                            + "\" → \"" + goal.goal() + "\""));
        }
        if (from.conclusion() == null && to.conclusion() != null) {
            lines.add("Trajectory concluded: " + to.conclusion().outcome());
        }
        Set<String> added = new LinkedHashSet<>();
        for (Change change : changes) {
            if (change.kind() == Kind.ADDED && change.path().endsWith("]") && !change.path().contains("Questions")) {
                String list = change.path().substring(0, change.path().lastIndexOf('['));
                added.add(list);
            }
        }
        for (String list : added) {
            long count = changes.stream().filter(c -> c.kind() == Kind.ADDED && c.path().startsWith(list + "[")
                    && c.path().indexOf(']', list.length()) == c.path().length() - 1).count();
            lines.add(count + " added to " + list);
        }
        for (Phase phase : Phase.values()) {
            int answeredBefore = from.section(phase).answeredQuestions().size();
            int answeredAfter = to.section(phase).answeredQuestions().size();
            if (answeredAfter != answeredBefore) {
                lines.add("Guiding questions answered in " + phase + ": " + answeredBefore + " → " + answeredAfter);
            }
        }
        return lines;
    }

    private static void compareItems(String path, JsonNode before, JsonNode after, List<Change> changes) {
        String list = path.substring(path.lastIndexOf('.') + 1);
        Map<String, JsonNode> beforeById = identities(list, before);
        Map<String, JsonNode> afterById = identities(list, after);
        if (beforeById == null || afterById == null) {
            compareValues(path, before, after, changes);
            return;
        }
        for (Map.Entry<String, JsonNode> item : beforeById.entrySet()) {
            compare(path + "[" + item.getKey() + "]", item.getValue(), afterById.get(item.getKey()), changes);
        }
        for (Map.Entry<String, JsonNode> item : afterById.entrySet()) {
            if (!beforeById.containsKey(item.getKey())) {
                compare(path + "[" + item.getKey() + "]", null, item.getValue(), changes);
            }
        }
    }

    /** The items of a list by identity, in list order; {@code null} when they have none or share one. */
    private static Map<String, JsonNode> identities(String list, JsonNode items) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        String idField = ID_FIELDS.get(list);
        for (JsonNode item : items) {
            String id = null;
            if (idField != null && item.path(idField).isValueNode() && !item.path(idField).isNull()) {
                id = idField + "=" + item.get(idField).asText();
            } else if (item.path("recorded").path("sequence").canConvertToLong()) {
                id = "#" + item.get("recorded").get("sequence").asLong();
            }
            if (id == null || byId.putIfAbsent(id, item) != null) {
                return null;
            }
        }
        return byId;
    }

    /** Items without identity: each one equal to an item on the other side is kept, the others added or removed. */
    private static void compareValues(String path, JsonNode before, JsonNode after, List<Change> changes) {
        List<JsonNode> unmatched = new ArrayList<>();
        after.forEach(unmatched::add);
        for (JsonNode item : before) {
            if (!unmatched.remove(item)) {
                changes.add(new Change(Kind.REMOVED, path + "[]", PhaseStateJson.plain(item), null));
            }
        }
        for (JsonNode item : unmatched) {
            changes.add(new Change(Kind.ADDED, path + "[]", null, PhaseStateJson.plain(item)));
        }
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        boolean absentBefore = before == null || before.isNull() || before.isMissingNode();
        boolean absentAfter = after == null || after.isNull() || after.isMissingNode();
        if (absentBefore && absentAfter) {
            return;
        }
        if (absentBefore) {
            changes.add(new Change(Kind.ADDED, path, null, PhaseStateJson.plain(after)));
            return;
        }
        if (absentAfter) {
            changes.add(new Change(Kind.REMOVED, path, PhaseStateJson.plain(before), null));
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (path.isEmpty() && BOOKKEEPING.contains(name)) {
                    continue;
                }
                compare(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), changes);
            }
        } else if (before.isArray() && after.isArray()) {
            compareItems(path, before, after, changes);
        } else if (!before.equals(after)) {
            changes.add(new Change(Kind.CHANGED, path, PhaseStateJson.plain(before), PhaseStateJson.plain(after)));
        }
    }
}
