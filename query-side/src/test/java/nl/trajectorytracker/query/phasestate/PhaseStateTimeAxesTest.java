package nl.trajectorytracker.query.phasestate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.AgreementSigned;
import nl.trajectorytracker.api.events.BatnaDefined;
import nl.trajectorytracker.api.events.BatnaRevised;
import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.PhaseAdvanced;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ContractModel;
import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.Point;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.Reconstruction;
import nl.trajectorytracker.query.phasestate.PhaseStateHistory.StoredEvent;

/**
 * The two time axes of a reconstruction: {@code asOf} along when steps happened, folded in that order;
 * {@code knownAt} along when they were recorded; both together.
 */
class PhaseStateTimeAxesTest {

    private static final TrajectoryId ID = new TrajectoryId("3c1f0a2b-6d4e-4f50-8a71-92b3c4d5e6f7");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    /** When the back-filled history below was typed in: years after it happened. */
    private static final Instant TYPED_IN = Instant.parse("2026-03-02T09:00:00Z");

    private final List<StoredEvent> events = new ArrayList<>();

    /** Stores the event as happened at {@code occurred}, recorded a minute after the one before. */
    private void store(TrajectoryEvent event) {
        events.add(new StoredEvent(events.size(), event.getClass().getSimpleName(), event.occurredAt(),
                TYPED_IN.plusSeconds(60L * events.size()), event.actor().principal(), event));
    }

    private static Instant on(String date) {
        return Instant.parse(date + "T10:00:00Z");
    }

    /** A trajectory of 2020, signed on 30 November 2020, typed into the tracker in 2026. */
    private void backFilled() {
        store(new TrajectoryStarted(ID, "From one year to five years", List.of(
                new Party("Zilveren Kruis", PartyType.INSURER),
                new Party("Ziekenhuis Amstelland", PartyType.CARE_PROVIDER)), ANNA, on("2020-01-13")));
        store(new BatnaDefined(ID, "Two other hospitals", "They have capacity", false, ANNA, on("2020-02-03")));
        store(new PhaseAdvanced(ID, Phase.INTERNAL_PREPARATION, Phase.CO_DESIGN, List.of(), null, ANNA,
                on("2020-03-02")));
        store(new PhaseAdvanced(ID, Phase.CO_DESIGN, Phase.NEGOTIATION, List.of(), null, ANNA, on("2020-07-01")));
        store(new AgreementSigned(ID, new Terms(ContractModel.FEE_FOR_SERVICE, 60, null, null, "Five years"),
                List.of(new Signatory("Anna de Vries", "Zilveren Kruis", "Director")), LocalDate.parse("2021-01-01"),
                LocalDate.parse("2025-12-31"), false, ANNA, on("2020-11-30")));
        store(new NoteAdded(ID, "Signed in the town hall", Phase.NEGOTIATION, ANNA, on("2020-12-01")));
    }

    @Test
    void asOfTheSigningDay_showsTheSignedTerms_ofABackFilledTrajectory() {
        backFilled();

        Reconstruction signed = PhaseStateHistory.fold(events, Point.of("2020-11-30", null, null));
        Reconstruction before = PhaseStateHistory.fold(events, Point.of("2020-11-29", null, null));

        assertThat(signed.state().negotiation().signedAgreement()).singleElement()
                .satisfies(agreement -> assertThat(agreement.terms().durationMonths()).isEqualTo(60));
        assertThat(signed.state().version()).isEqualTo(4);
        assertThat(signed.lastEvent()).isEqualTo(new LastEvent(4, "AgreementSigned", on("2020-11-30"),
                TYPED_IN.plusSeconds(240)));
        assertThat(signed.state().negotiation().signedAgreement().get(0).recorded())
                .satisfies(recorded -> {
                    assertThat(recorded.occurredAt()).isEqualTo(on("2020-11-30"));
                    assertThat(recorded.recordedAt()).isEqualTo(TYPED_IN.plusSeconds(240));
                });
        assertThat(before.state().negotiation().signedAgreement()).isEmpty();
        assertThat(before.state().currentPhase()).isEqualTo(Phase.NEGOTIATION);
        assertThat(PhaseStateHistory.fold(events, Point.of("2020-01-12", null, null)).state().trajectoryId())
                .as("before the start").isNull();
    }

    @Test
    void knownAtBeforeTheBackFilling_showsNothing_andAfterItWhatWasTypedInByThen() {
        backFilled();

        Reconstruction unknown = PhaseStateHistory.fold(events, Point.of(null, "2026-03-01", null));
        Reconstruction partly = PhaseStateHistory.fold(events,
                new Point(null, TYPED_IN.plusSeconds(120), null));

        assertThat(unknown.state().version()).isEqualTo(-1);
        assertThat(unknown.state().trajectoryId()).isNull();
        assertThat(unknown.lastEvent()).isNull();
        assertThat(partly.state().version()).isEqualTo(2);
        assertThat(partly.state().currentPhase()).isEqualTo(Phase.CO_DESIGN);
    }

    @Test
    void asOfAndKnownAt_combine_theStateOnADay_asTheRecordStoodOnAnother() {
        backFilled();

        Point signingDayAsTypedInBeforeTheSigning = new Point(on("2020-11-30"), TYPED_IN.plusSeconds(200), null);
        Reconstruction then = PhaseStateHistory.fold(events, signingDayAsTypedInBeforeTheSigning);

        assertThat(then.state().negotiation().signedAgreement()).isEmpty();
        assertThat(then.state().currentPhase()).isEqualTo(Phase.NEGOTIATION);
        assertThat(then.state().version()).isEqualTo(3);
    }

    @Test
    void aStepRecordedLaterThanItHappened_takesItsPlaceAmongTheOthers_whileTheRecordBeforeItKnewNothingOfIt() {
        store(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)), ANNA,
                on("2020-01-13")));
        store(new BatnaDefined(ID, "v1", "first", false, ANNA, on("2020-02-01")));
        store(new BatnaRevised(ID, "v3", "third", false, ANNA, on("2020-04-01")));
        store(new BatnaRevised(ID, "v2", "forgotten, logged late", false, ANNA, on("2020-03-01")));

        PhaseState now = PhaseStateHistory.fold(events, Point.now()).state();
        PhaseState endOf2020 = PhaseStateHistory.fold(events, Point.of("2020-12-31", null, null)).state();
        PhaseState inMarch = PhaseStateHistory.fold(events, Point.of("2020-03-15", null, null)).state();
        PhaseState beforeTheLateOne = PhaseStateHistory.fold(events,
                new Point(null, events.get(2).recordedAt(), null)).state();

        assertThat(now.internalPreparation().batna()).extracting(PhaseState.Batna::batna)
                .containsExactly("v1", "v2", "v3");
        assertThat(current(now)).isEqualTo("v3");
        assertThat(now.version()).isEqualTo(3);
        assertThat(now.lastOccurredAt()).isEqualTo(on("2020-04-01"));
        assertThat(endOf2020).isEqualTo(now);
        assertThat(inMarch.internalPreparation().batna()).extracting(PhaseState.Batna::batna)
                .containsExactly("v1", "v2");
        assertThat(current(inMarch)).isEqualTo("v2");
        assertThat(inMarch.version()).as("the highest sequence included").isEqualTo(3);
        assertThat(beforeTheLateOne.internalPreparation().batna()).extracting(PhaseState.Batna::batna)
                .containsExactly("v1", "v3");
        assertThat(beforeTheLateOne.version()).isEqualTo(2);
    }

    @Test
    void stepsOfTheSameMoment_keepTheOrderTheyWereRecordedIn() {
        store(new TrajectoryStarted(ID, "Five years", List.of(new Party("Zilveren Kruis", PartyType.INSURER)), ANNA,
                on("2020-01-13")));
        for (String text : List.of("first", "second", "third")) {
            store(new NoteAdded(ID, text, Phase.INTERNAL_PREPARATION, ANNA, on("2020-01-14")));
        }

        PhaseState state = PhaseStateHistory.fold(events, Point.of("2020-01-14", null, null)).state();

        assertThat(state.internalPreparation().notes()).extracting(PhaseState.Note::text)
                .containsExactly("first", "second", "third");
    }

    @Test
    void knownAtAndVersion_bothBoundTheRecord_soOnlyOneIsAccepted() {
        assertThatThrownBy(() -> Point.of(null, "2026-03-01", "3")).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("knownAt"));
        assertThat(Point.of("2020-11-30", null, "3")).isEqualTo(new Point(
                Instant.parse("2020-11-30T23:59:59.999999999Z"), null, 3L));
    }

    private static String current(PhaseState state) {
        return state.internalPreparation().batna().stream().filter(PhaseState.Batna::current).findFirst()
                .orElseThrow().batna();
    }
}
