package nl.trajectorytracker.query.phasestate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * The differences in words, most telling first, read from the first point to the second, whichever is the
     * earlier: a diff from a later point to an earlier one says what the second point does not hold yet.
     */
    public static List<String> highlights(PhaseState from, PhaseState to, List<Change> changes) {
        List<String> lines = new ArrayList<>();
        Phase phaseBefore = from.currentPhase();
        Phase phaseAfter = to.currentPhase();
        if (phaseBefore == null && phaseAfter != null) {
            lines.add("Trajectory started: " + phaseAfter);
        } else if (phaseBefore != null && phaseAfter == null) {
            lines.add("Trajectory not started yet at the second point");
        } else if (phaseBefore != null && phaseBefore != phaseAfter) {
            lines.add((phaseAfter.ordinal() > phaseBefore.ordinal() ? "Phase advanced: " : "Phase earlier: ")
                    + phaseBefore + " → " + phaseAfter);
        }
        batna(from.internalPreparation().batna(), to.internalPreparation().batna(), lines);
        for (PhaseState.StrategicGoal goal : to.internalPreparation().strategicGoals()) {
            from.internalPreparation().strategicGoals().stream()
                    .filter(old -> old.goalId().equals(goal.goalId()) && !old.goal().equals(goal.goal()))
                    .findFirst()
                    .ifPresent(old -> lines.add("Strategic goal " + goal.goalId() + " revised: \"" + old.goal()
                            + "\" → \"" + goal.goal() + "\""));
        }
        if (from.conclusion() == null && to.conclusion() != null) {
            lines.add("Trajectory concluded: " + to.conclusion().outcome());
        } else if (from.conclusion() != null && to.conclusion() == null) {
            lines.add("Not concluded yet at the second point (concluded: " + from.conclusion().outcome() + ")");
        }
        counted(changes, Kind.ADDED, " added to ", lines);
        counted(changes, Kind.REMOVED, " removed from ", lines);
        for (Phase phase : Phase.values()) {
            int answeredBefore = from.section(phase).answeredQuestions().size();
            int answeredAfter = to.section(phase).answeredQuestions().size();
            if (answeredAfter != answeredBefore) {
                lines.add("Guiding questions answered in " + phase + ": " + answeredBefore + " → " + answeredAfter);
            }
        }
        return lines;
    }

    /**
     * The BATNA in force (the one revised last by when it happened) and the revisions that are in one point only,
     * matched by the step that recorded them (revision numbers follow the days, so a revision recorded late about an
     * earlier day renumbers those after it, and changes no BATNA in force).
     */
    private static void batna(List<PhaseState.Batna> before, List<PhaseState.Batna> after, List<String> lines) {
        PhaseState.Batna wasInForce = inForce(before);
        PhaseState.Batna inForce = inForce(after);
        if (inForce != null && (wasInForce == null || step(wasInForce) != step(inForce))) {
            lines.add(wasInForce == null ? "BATNA defined (v" + inForce.revision() + "): " + inForce.batna()
                    : "BATNA revised: v" + wasInForce.revision() + " → v" + inForce.revision() + ": "
                            + inForce.batna() + " (why: " + inForce.why() + ")");
        } else if (inForce == null && wasInForce != null) {
            lines.add("No BATNA yet at the second point (was v" + wasInForce.revision() + ")");
        }
        Set<Long> stepsBefore = new LinkedHashSet<>();
        before.forEach(batna -> stepsBefore.add(step(batna)));
        Set<Long> stepsAfter = new LinkedHashSet<>();
        after.forEach(batna -> stepsAfter.add(step(batna)));
        for (PhaseState.Batna batna : after) {
            if (!stepsBefore.contains(step(batna)) && batna != inForce) {
                lines.add("BATNA v" + batna.revision() + " added, dated before the one in force: " + batna.batna());
            }
        }
        for (PhaseState.Batna batna : before) {
            if (!stepsAfter.contains(step(batna)) && batna != wasInForce) {
                lines.add("BATNA v" + batna.revision() + " not there yet at the second point: " + batna.batna());
            }
        }
    }

    private static long step(PhaseState.Batna batna) {
        return batna.recorded() == null ? -batna.revision() : batna.recorded().sequence();
    }

    private static PhaseState.Batna inForce(List<PhaseState.Batna> revisions) {
        return revisions.stream().filter(PhaseState.Batna::current).findFirst()
                .orElse(revisions.isEmpty() ? null : revisions.get(revisions.size() - 1));
    }

    /** How many items each list gained (or lost) from the first point to the second, guiding questions apart. */
    private static void counted(List<Change> changes, Kind kind, String words, List<String> lines) {
        Set<String> lists = new LinkedHashSet<>();
        for (Change change : changes) {
            if (change.kind() == kind && change.path().endsWith("]") && !change.path().contains("Questions")) {
                lists.add(change.path().substring(0, change.path().lastIndexOf('[')));
            }
        }
        for (String list : lists) {
            long count = changes.stream().filter(c -> c.kind() == kind && c.path().startsWith(list + "[")
                    && c.path().indexOf(']', list.length()) == c.path().length() - 1).count();
            lines.add(count + words + list);
        }
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
