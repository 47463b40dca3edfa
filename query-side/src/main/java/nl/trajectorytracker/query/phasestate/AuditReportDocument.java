package nl.trajectorytracker.query.phasestate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import nl.trajectorytracker.api.values.SharingArrangement;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.query.phasestate.AuditReport.PhaseDecision;
import nl.trajectorytracker.query.phasestate.AuditReport.PhaseSummary;
import nl.trajectorytracker.query.phasestate.AuditReport.PhaseTrust;
import nl.trajectorytracker.query.phasestate.PhaseState.Lesson;

/**
 * The audit report as a self-contained XHTML page (inline style, no external resources; every recorded text is
 * escaped) and as PDF rendered from that page with openhtmltopdf.
 */
public final class AuditReportDocument {

    private AuditReportDocument() {
    }

    public static byte[] pdf(AuditReport report) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(report), null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the audit report as PDF", e);
        }
    }

    public static String html(AuditReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>Audit report: ").append(e(report.title())).append("</title>")
                .append("<style>")
                .append("body{font-family:Helvetica,Arial,sans-serif;font-size:10pt;color:#222;margin:24px;}")
                .append("h1{font-size:18pt;margin-bottom:4px;}h2{font-size:13pt;border-bottom:1px solid #999;")
                .append("margin-top:20px;}h3{font-size:11pt;margin-bottom:4px;}")
                .append("table{border-collapse:collapse;width:100%;margin:6px 0;}")
                .append("th,td{border:1px solid #ccc;padding:3px 5px;text-align:left;vertical-align:top;}")
                .append("th{background:#eee;}.muted{color:#666;}.warn{color:#a40000;}")
                .append("</style></head><body>");
        html.append("<h1>How this agreement came about</h1>");
        html.append("<p><strong>").append(e(report.title())).append("</strong><br/>")
                .append("Trajectory ").append(e(report.trajectoryId())).append(" · playbook ")
                .append(e(report.playbookVersion())).append(" · parties: ")
                .append(e(report.parties().stream().map(p -> p.organisationName() + " (" + p.type() + ")")
                        .collect(Collectors.joining(", "))))
                .append("<br/><span class=\"muted\">Reconstructed from the event store up to version ")
                .append(report.version());
        if (report.lastEvent() != null) {
            html.append(" (").append(e(report.lastEvent().type())).append(", happened ")
                    .append(e(String.valueOf(report.lastEvent().occurredAt()))).append(", recorded ")
                    .append(e(String.valueOf(report.lastEvent().recordedAt()))).append(")");
        }
        html.append("</span></p>");
        html.append("<p id=\"time-axes\"><strong>Time axes:</strong> ").append(e(report.timeAxes()))
                .append("</p>");
        if (report.conclusion() != null) {
            html.append("<p><strong>Outcome:</strong> ").append(e(report.conclusion().outcome().name()))
                    .append(" — ").append(e(report.conclusion().why())).append("</p>");
        }

        html.append("<h2>Phases</h2>");
        for (PhaseSummary phase : report.phases()) {
            html.append("<h3>").append(phase.phase().number()).append(". ").append(e(phase.phase().name()))
                    .append(" <span class=\"muted\">(").append(e(phase.status().name())).append(")</span></h3>");
            if (phase.enteredAt() != null) {
                html.append("<p class=\"muted\">Entered (occurredAt) ").append(e(String.valueOf(phase.enteredAt())));
                if (phase.leftAt() != null) {
                    html.append(", left ").append(e(String.valueOf(phase.leftAt())));
                }
                html.append("</p>");
            }
            if (phase.enteredBy() != null && !phase.enteredBy().overriddenConditions().isEmpty()) {
                html.append("<p class=\"warn\">Gate overridden (")
                        .append(e(phase.enteredBy().overriddenConditions().toString())).append("): ")
                        .append(e(phase.enteredBy().overrideReason())).append("</p>");
            }
            list(html, phase.keyPoints());
            lessons(html, "Pitfalls", phase.pitfalls());
            lessons(html, "Success factors", phase.successFactors());
            html.append("<p class=\"muted\">Guiding questions answered: ").append(phase.answeredQuestions())
                    .append(", open: ").append(phase.openQuestions().size()).append("</p>");
        }

        html.append("<h2>Decisions and their reasons</h2>");
        if (report.decisions().isEmpty()) {
            html.append("<p class=\"muted\">No decisions recorded.</p>");
        }
        for (PhaseDecision item : report.decisions()) {
            var d = item.decision();
            html.append("<h3>").append(e(d.decisionId())).append(": ").append(e(d.decision())).append("</h3>")
                    .append("<table><tr><th>Phase</th><td>").append(e(item.phase().name())).append("</td></tr>")
                    .append("<tr><th>Why</th><td>").append(e(d.rationale())).append("</td></tr>")
                    .append("<tr><th>Alternatives considered</th><td>").append(e(String.join("; ",
                            d.alternativesConsidered()))).append("</td></tr>")
                    .append("<tr><th>Evidence</th><td>").append(e(String.join("; ", d.evidence())))
                    .append("</td></tr>")
                    .append("<tr><th>Guiding question</th><td>").append(e(d.guidingQuestionId())).append("</td></tr>")
                    .append("<tr><th>Agreed by</th><td>").append(e(String.join(", ", d.agreedBy())))
                    .append("</td></tr>")
                    .append("<tr><th>Happened</th><td>").append(e(String.valueOf(d.recorded().occurredAt())))
                    .append("</td></tr>")
                    .append("<tr><th>Recorded</th><td>").append(e(d.recorded().by())).append(", ")
                    .append(e(String.valueOf(d.recorded().recordedAt()))).append("</td></tr></table>");
        }

        html.append("<h2>BATNA</h2>");
        for (PhaseState.Batna batna : report.batna()) {
            html.append("<p><strong>v").append(batna.revision()).append(batna.current() ? " (current)" : "")
                    .append(":</strong> ").append(e(batna.batna())).append("<br/><span class=\"muted\">Why: ")
                    .append(e(batna.why())).append("</span></p>");
        }

        html.append("<h2>Proposals</h2><table><tr><th>Id</th><th>By</th><th>Terms</th><th>Outcome</th></tr>");
        for (PhaseState.Proposal proposal : report.proposals()) {
            html.append("<tr><td>").append(e(proposal.proposalId()))
                    .append(proposal.counterTo() == null ? "" : " (counter to " + e(proposal.counterTo()) + ")")
                    .append("</td><td>").append(e(proposal.by())).append("</td><td>").append(terms(proposal.terms()))
                    .append("</td><td>").append(e(proposal.status().name()))
                    .append(proposal.answerWhy() == null ? "" : ": " + e(proposal.answerWhy())).append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>The signed terms</h2>");
        if (report.agreement() == null) {
            html.append("<p class=\"muted\">No agreement signed.</p>");
        } else {
            var agreement = report.agreement();
            html.append("<p>").append(terms(agreement.terms())).append("</p>")
                    .append("<p>Term: ").append(e(String.valueOf(agreement.startDate()))).append(" to ")
                    .append(e(String.valueOf(agreement.endDate()))).append("</p><p>Signed ")
                    .append(e(String.valueOf(agreement.recorded().occurredAt()))).append(" (recorded ")
                    .append(e(String.valueOf(agreement.recorded().recordedAt()))).append(") by: ")
                    .append(e(agreement.signatories().stream().map(s -> s.name() + " (" + s.organisation()
                            + (s.role() == null ? "" : ", " + s.role()) + ")").collect(Collectors.joining("; "))))
                    .append("</p>");
        }
        if (!report.amendments().isEmpty()) {
            html.append("<h3>Amendments</h3>");
            list(html, report.amendments().stream().map(a -> a.what() + " — why: " + a.why()).toList());
        }

        html.append("<h2>Evaluations</h2>");
        list(html, report.interimEvaluations().stream().map(i -> "Interim: " + i.findings()
                + (i.adjustmentNeeded() ? " (adjustment needed)" : "")).toList());
        for (PhaseState.FinalEvaluation evaluation : report.finalEvaluations()) {
            html.append("<p><strong>Final evaluation:</strong> ").append(e(evaluation.form())).append("</p>");
            list(html, evaluation.outcomes().stream().map(o -> "Outcome: " + o).toList());
            list(html, evaluation.lessons().stream().map(l -> "Lesson: " + l).toList());
        }

        html.append("<h2>Trust</h2><table><tr><th>Phase</th><th>Counterpart</th><th>Person</th>")
                .append("<th>Organisation</th><th>Note</th></tr>");
        for (PhaseTrust item : report.trust()) {
            var t = item.assessment();
            html.append("<tr><td>").append(e(item.phase().name())).append("</td><td>").append(e(t.counterpart()))
                    .append("</td><td>").append(t.personTrust() == null ? "" : t.personTrust().value())
                    .append("/5</td><td>").append(t.organisationTrust() == null ? "" : t.organisationTrust().value())
                    .append("/5</td><td>").append(e(t.note())).append("</td></tr>");
        }
        html.append("</table>");
        if (!report.followUps().isEmpty()) {
            html.append("<h2>Follow-up</h2>");
            list(html, report.followUps().stream().map(f -> f.title() + " (" + f.followUpTrajectoryId() + ")")
                    .toList());
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String terms(Terms terms) {
        if (terms == null) {
            return "";
        }
        return e(terms.model().name()) + ", " + terms.durationMonths() + " months"
                + sharing("gains", terms.gainSharing()) + sharing("losses", terms.lossSharing())
                + (terms.description() == null ? "" : "<br/>" + e(terms.description()));
    }

    private static String sharing(String what, SharingArrangement sharing) {
        if (sharing == null) {
            return "";
        }
        return "; " + what + ": " + sharing.careProviderPercent() + "% to the care provider"
                + (sharing.capEur() == null ? "" : ", capped at EUR " + sharing.capEur())
                + (sharing.description() == null ? "" : " (" + e(sharing.description()) + ")");
    }

    private static void lessons(StringBuilder html, String title, List<Lesson> lessons) {
        if (!lessons.isEmpty()) {
            html.append("<p><em>").append(title).append(":</em></p>");
            list(html, lessons.stream().map(Lesson::text).toList());
        }
    }

    private static void list(StringBuilder html, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.append("<ul>");
        items.forEach(item -> html.append("<li>").append(e(item)).append("</li>"));
        html.append("</ul>");
    }

    /**
     * Escapes text for XHTML element content and attribute values. Characters XML cannot hold (control characters,
     * U+FFFE, U+FFFF, a surrogate without its pair), which steps stored before the input refused them may contain,
     * are replaced, so that every trajectory's report renders.
     */
    static String e(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append(' ');
                    } else if (c == '\uFFFE' || c == '\uFFFF') {
                        out.append('\uFFFD');
                    } else if (Character.isSurrogate(c)) {
                        boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1));
                        if (paired) {
                            out.append(c).append(text.charAt(++i));
                        } else {
                            out.append('\uFFFD');
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
