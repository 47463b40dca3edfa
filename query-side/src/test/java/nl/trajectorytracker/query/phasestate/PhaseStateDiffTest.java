package nl.trajectorytracker.query.phasestate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.StakeholderAdded;
import nl.trajectorytracker.api.events.StakeholderUpdated;
import nl.trajectorytracker.api.events.StrategicGoalSet;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.phasestate.PhaseStateDiff.Change;
import nl.trajectorytracker.query.phasestate.PhaseStateDiff.Kind;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.Point;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.StoredEvent;

/** The diff matches list items by identity: a step shows as exactly the changes it made. */
class PhaseStateDiffTest {

    private static final TrajectoryId ID = new TrajectoryId("5a0e1b2c-3d4e-4f60-8a71-92b3c4d5e6f8");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant T0 = Instant.parse("2020-01-06T09:00:00Z");

    private final List<TrajectoryEvent> events = new ArrayList<>();

    private Instant at() {
        return T0.plusSeconds(3600L * events.size());
    }

    private PhaseState record(TrajectoryEvent... more) {
        events.addAll(List.of(more));
        return PhaseStateFold.foldAll(events);
    }

    private PhaseState started() {
        return record(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)),
                ANNA, at()));
    }

    @Test
    void answeringAQuestionThatComesFirstInThePlaybook_isOneAnswerAdded_notEveryAnswerAfterItChanged() {
        started();
        record(new StakeholderAdded(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL, "Represents patients",
                List.of("Shorter waiting times"), Influence.MEDIUM, false, ANNA, at()));
        PhaseState before = record(new BatnaDefined(ID, "Two other hospitals", "Capacity", false, ANNA, at()));
        PhaseState after = record(new StrategicGoalSet(ID, "G1", "Five years", "Waiting lists", false, ANNA, at()));

        List<Change> changes = PhaseStateDiff.changes(before, after);

        assertThat(changes).extracting(Change::kind, Change::path).containsExactlyInAnyOrder(
                tuple(Kind.ADDED, "internalPreparation.strategicGoals[#3]"),
                tuple(Kind.ADDED, "internalPreparation.answeredQuestions[questionId=P1.STRATEGIC_GOALS]"),
                tuple(Kind.REMOVED, "internalPreparation.openQuestions[questionId=P1.STRATEGIC_GOALS]"));
        assertThat(PhaseStateDiff.highlights(before, after, changes))
                .contains("1 added to internalPreparation.strategicGoals")
                .contains("Guiding questions answered in INTERNAL_PREPARATION: 2 → 3");
    }

    @Test
    void aStakeholderUpdate_isReportedUnderItsId_withWhatChanged() {
        started();
        PhaseState before = record(new StakeholderAdded(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL,
                "Represents patients", List.of("Shorter waiting times", "Care close to home"), Influence.MEDIUM,
                false, ANNA, at()));
        PhaseState after = record(new StakeholderUpdated(ID, "S1", "Patient federation", StakeholderScope.EXTERNAL,
                "Co-designs indicators", List.of("Shorter waiting times", "Shared decision making"), Influence.HIGH,
                false, ANNA, at()));

        List<Change> changes = PhaseStateDiff.changes(before, after);

        String s1 = "internalPreparation.stakeholders[stakeholderId=S1]";
        assertThat(changes).extracting(Change::kind, Change::path, Change::before, Change::after)
                .contains(tuple(Kind.CHANGED, s1 + ".role", "Represents patients", "Co-designs indicators"),
                        tuple(Kind.CHANGED, s1 + ".influence", "MEDIUM", "HIGH"),
                        tuple(Kind.REMOVED, s1 + ".interests[]", "Care close to home", null),
                        tuple(Kind.ADDED, s1 + ".interests[]", null, "Shared decision making"),
                        tuple(Kind.ADDED, "internalPreparation.answeredQuestions[questionId=P1.STAKEHOLDERS]"
                                + ".answeredBy[]", null, "StakeholderUpdated#2"));
        assertThat(changes).extracting(Change::path).allMatch(path -> path.startsWith(s1)
                || path.startsWith("internalPreparation.answeredQuestions[questionId=P1.STAKEHOLDERS]"));
        assertThat(changes).extracting(Change::path).contains(s1 + ".history[#1]");
    }

    @Test
    void theSameItemsInAnotherOrder_areNoChange() {
        started();
        record(new NoteAdded(ID, "first", Phase.INTERNAL_PREPARATION, ANNA, at()),
                new NoteAdded(ID, "second", Phase.INTERNAL_PREPARATION, ANNA, T0));
        List<StoredEvent> stored = new ArrayList<>();
        for (TrajectoryEvent event : events) {
            stored.add(new StoredEvent(stored.size(), event.getClass().getSimpleName(), event.occurredAt(),
                    event.occurredAt(), "anna", event));
        }

        PhaseState asRecorded = PhaseStateFold.foldAll(events);
        PhaseState asHappened = PhaseStateHistory.fold(stored, Point.now()).state();

        assertThat(asHappened.internalPreparation().notes()).extracting(PhaseState.Note::text)
                .containsExactly("second", "first");
        assertThat(asRecorded.internalPreparation().notes()).extracting(PhaseState.Note::text)
                .containsExactly("first", "second");
        assertThat(PhaseStateDiff.changes(asRecorded, asHappened)).isEmpty();
    }

    /** The state as it happened, of the first {@code recorded} steps in the order they were recorded. */
    private PhaseState asHappened(int recorded) {
        List<StoredEvent> stored = new ArrayList<>();
        for (TrajectoryEvent event : events.subList(0, recorded)) {
            stored.add(new StoredEvent(stored.size(), event.getClass().getSimpleName(), event.occurredAt(),
                    event.occurredAt(), "anna", event));
        }
        return PhaseStateHistory.fold(stored, Point.now()).state();
    }

    /**
     * A BATNA revision recorded late about an earlier day changes no BATNA in force: the highlights said "BATNA
     * revised: v2 → v3" naming the one in force all along, and a diff read backwards said nothing at all.
     */
    @Test
    void aBatnaRevisionRecordedLateAboutAnEarlierDay_isAddedBeforeTheOneInForce_andABackwardDiffSaysSo() {
        started();
        record(new BatnaDefined(ID, "A", "first", false, ANNA, T0.plusSeconds(3600)),
                new BatnaRevised(ID, "C", "third", false, ANNA, T0.plusSeconds(5 * 3600)),
                new BatnaRevised(ID, "B", "second", false, ANNA, T0.plusSeconds(3 * 3600)));
        PhaseState before = asHappened(3);
        PhaseState after = asHappened(4);

        assertThat(PhaseStateDiff.highlights(before, after, PhaseStateDiff.changes(before, after)))
                .noneMatch(line -> line.startsWith("BATNA revised"))
                .contains("BATNA v2 added, dated before the one in force: B");
        assertThat(PhaseStateDiff.highlights(after, before, PhaseStateDiff.changes(after, before)))
                .contains("BATNA v2 not there yet at the second point: B");
        assertThat(PhaseStateDiff.highlights(asHappened(2), after, PhaseStateDiff.changes(asHappened(2), after)))
                .contains("BATNA revised: v1 → v3: C (why: third)");
    }

    @Test
    void aDiffFromBeforeTheStart_saysTheTrajectoryStarted_andOneReadBackwards_saysWhatIsNotThereYet() {
        started();
        PhaseState nothing = asHappened(0);
        PhaseState begun = asHappened(1);

        assertThat(PhaseStateDiff.highlights(nothing, begun, PhaseStateDiff.changes(nothing, begun)))
                .contains("Trajectory started: INTERNAL_PREPARATION").noneMatch(line -> line.contains("null"));
        assertThat(PhaseStateDiff.highlights(begun, nothing, PhaseStateDiff.changes(begun, nothing)))
                .contains("Trajectory not started yet at the second point");
    }
}
