package nl.trajectorytracker.query.phasestate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.query.phasestate.PhaseState.*;

/**
 * "How this agreement came about": the phases, the decisions with their reasons, the proposals and BATNA that led
 * to the signed terms, amendments, evaluations and trust, as reconstructed from the event store at a point on the
 * two time axes ({@code asOf}, {@code knownAt}, {@code requestedVersion}, each {@code null} when not asked for).
 * {@code timeAxes} says in words which steps the report includes, along which axis, and which times it shows.
 */
public record AuditReport(
        String trajectoryId,
        String title,
        List<Party> parties,
        String playbookVersion,
        String predecessorId,
        Instant asOf,
        Instant knownAt,
        Long requestedVersion,
        String timeAxes,
        long version,
        LastEvent lastEvent,
        Phase currentPhase,
        List<PhaseSummary> phases,
        List<PhaseDecision> decisions,
        List<Batna> batna,
        List<Proposal> proposals,
        SignedAgreement agreement,
        List<Amendment> amendments,
        List<InterimEvaluation> interimEvaluations,
        List<FinalEvaluation> finalEvaluations,
        List<PhaseTrust> trust,
        Conclusion conclusion,
        List<FollowUp> followUps) {

    /** One phase: when it ran, how it was entered, its key points and which guiding questions stayed open. */
    public record PhaseSummary(Phase phase, PhaseStatus status, Instant enteredAt, Instant leftAt,
            PhaseAdvance enteredBy, List<String> keyPoints, List<Lesson> pitfalls, List<Lesson> successFactors,
            int answeredQuestions, List<OpenQuestion> openQuestions) {
    }

    public record PhaseDecision(Phase phase, Decision decision) {
    }

    public record PhaseTrust(Phase phase, TrustAssessment assessment) {
    }

    public static AuditReport of(PhaseStateHistory.Reconstruction reconstruction) {
        PhaseState state = reconstruction.state();
        PhaseStateHistory.Point point = reconstruction.point();
        List<PhaseSummary> phases = new ArrayList<>();
        List<PhaseDecision> decisions = new ArrayList<>();
        List<PhaseTrust> trust = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            PhaseSection section = state.section(phase);
            PhaseProgress progress = state.progressOf(phase);
            phases.add(new PhaseSummary(phase, progress.status(), progress.enteredAt(), progress.leftAt(),
                    progress.enteredBy(), keyPoints(state, phase), section.pitfalls(), section.successFactors(),
                    section.answeredQuestions().size(), section.openQuestions()));
            section.decisions().forEach(decision -> decisions.add(new PhaseDecision(phase, decision)));
            section.trustAssessments().forEach(assessment -> trust.add(new PhaseTrust(phase, assessment)));
        }
        decisions.sort((a, b) -> Long.compare(a.decision().recorded().sequence(), b.decision().recorded().sequence()));
        trust.sort((a, b) -> Long.compare(a.assessment().recorded().sequence(),
                b.assessment().recorded().sequence()));
        List<SignedAgreement> signed = state.negotiation().signedAgreement();
        return new AuditReport(state.trajectoryId(), state.title(), state.parties(), state.playbookVersion(),
                state.predecessorId(), point.asOf(), point.knownAt(), point.version(), timeAxes(point),
                state.version(), reconstruction.lastEvent(), state.currentPhase(), phases, decisions,
                state.internalPreparation().batna(), state.negotiation().proposals(),
                signed.isEmpty() ? null : signed.get(signed.size() - 1), state.runningAgreement().amendments(),
                state.runningAgreement().interimEvaluations(), state.afterAgreement().finalEvaluations(), trust,
                state.conclusion(), state.followUps());
    }

    /** Which steps a report at this point includes, along which axis, in which order, and which times it shows. */
    static String timeAxes(PhaseStateHistory.Point point) {
        List<String> bounds = new ArrayList<>();
        if (point.asOf() != null) {
            bounds.add("that happened (occurredAt) by " + point.asOf());
        }
        if (point.knownAt() != null) {
            bounds.add("as recorded (recordedAt) by " + point.knownAt());
        } else if (point.version() != null) {
            bounds.add("as recorded up to version " + point.version());
        } else {
            bounds.add("as recorded (recordedAt) by now");
        }
        // the state is always folded in the order the steps happened, whichever axis bounds them
        return "The steps " + String.join(", ", bounds) + ", in the order they happened (those of one moment in"
                + " the order they were recorded). Every time shown is when a step "
                + "happened (occurredAt); \"recorded\" is when the event store recorded it (recordedAt).";
    }

    private static List<String> keyPoints(PhaseState state, Phase phase) {
        List<String> points = new ArrayList<>();
        switch (phase) {
            case INTERNAL_PREPARATION -> {
                InternalPreparation p = state.internalPreparation();
                p.strategicGoals().forEach(g -> points.add("Strategic goal " + g.goalId() + ": " + g.goal()
                        + (g.revisions().isEmpty() ? "" : " (revised " + g.revisions().size() + "x)")));
                p.previousAgreementAssessments().forEach(a -> points.add("Previous agreement \"" + a.agreement()
                        + "\" " + (a.servesOurGoals() ? "serves" : "does not serve") + " our goals: " + a.why()
                        + (a.contractingQuestion() ? "; there is a contracting question" : "")));
                p.batna().stream().filter(Batna::current).forEach(b -> points.add("BATNA (v" + b.revision() + "): "
                        + b.batna()));
                p.stakeholders().forEach(s -> points.add("Stakeholder: " + s.name()
                        + (s.removed() ? " (removed)" : "")));
                p.team().forEach(t -> points.add("Team: " + t.name() + ", " + t.role()));
            }
            case CO_DESIGN -> {
                CoDesign p = state.coDesign();
                p.jointAmbitions().forEach(a -> points.add("Joint ambition (" + a.horizonYears() + " years): "
                        + a.ambition()));
                p.agreedGoals().forEach(g -> points.add("Agreed goal " + g.goalId() + " (" + g.dimension() + "): "
                        + g.goal()));
                p.jointFacts().forEach(f -> points.add("Joint fact: " + f.fact() + " (" + f.dataSource() + ")"));
                p.lossSharingPrinciples().forEach(l -> points.add("Loss sharing: " + l.principle()));
                p.goNoGoDecisions().forEach(g -> points.add("Go/no-go at " + g.moment() + ": " + g.decision()
                        + " — " + g.why()));
                p.legalObstacles().forEach(o -> points.add("Legal obstacle: " + o.obstacle()
                        + (o.resolution() == null ? " (open)" : " — resolved: " + o.resolution())));
            }
            case NEGOTIATION -> {
                Negotiation p = state.negotiation();
                p.proposals().forEach(pr -> points.add("Proposal " + pr.proposalId() + " by " + pr.by() + ": "
                        + pr.terms().model() + ", " + pr.terms().durationMonths() + " months — " + pr.status()));
                p.deadlocks().forEach(d -> points.add("Deadlock: " + d.issue()
                        + (d.resolution() == null ? " (unresolved)" : " — resolved: " + d.resolution())));
                p.indicators().forEach(i -> points.add("Indicator " + i.indicatorId() + ": " + i.name()
                        + ", target " + i.target()));
                p.deviations().forEach(d -> points.add("Deviation from " + d.clause() + ": " + d.deviation()));
                p.incentiveChanges().forEach(i -> points.add("Incentive change: " + i.change()));
            }
            case RUNNING_AGREEMENT -> {
                RunningAgreement p = state.runningAgreement();
                p.measurements().forEach(m -> points.add("Measured " + m.indicatorId() + " on " + m.measuredOn()
                        + ": " + m.value()));
                p.checkIns().forEach(c -> points.add("Check-in: " + c.summary()));
                p.successesAndLessons().forEach(s -> points.add(s.kind() + " communicated: " + s.message()));
            }
            case AFTER_AGREEMENT -> state.afterAgreement().finalEvaluations()
                    .forEach(e -> points.add("Final evaluation: " + e.form()));
        }
        state.section(phase).notes().forEach(n -> points.add("Note: " + n.text()));
        return points;
    }
}
