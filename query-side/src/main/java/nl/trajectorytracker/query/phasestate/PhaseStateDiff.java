package nl.trajectorytracker.query.phasestate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import nl.trajectorytracker.api.values.Phase;

/**
 * What changed between two states of the same trajectory: a structural comparison of their JSON with readable
 * paths ({@code internalPreparation.batna[2]}), and highlights in words (BATNA v2 → v3, phase advanced, goals
 * revised, items added).
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

    private static final Set<String> BOOKKEEPING = Set.of("version", "lastEventAt");

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
            Iterator<JsonNode> left = before.elements();
            Iterator<JsonNode> right = after.elements();
            int index = 0;
            while (left.hasNext() || right.hasNext()) {
                compare(path + "[" + index + "]", left.hasNext() ? left.next() : null,
                        right.hasNext() ? right.next() : null, changes);
                index++;
            }
        } else if (!before.equals(after)) {
            changes.add(new Change(Kind.CHANGED, path, PhaseStateJson.plain(before), PhaseStateJson.plain(after)));
        }
    }
}
