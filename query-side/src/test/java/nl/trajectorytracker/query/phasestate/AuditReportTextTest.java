package nl.trajectorytracker.query.phasestate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.trajectorytracker.api.events.NoteAdded;
import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.TrajectoryId;

/** The report renders whatever text a trajectory holds, also characters XML cannot carry. */
class AuditReportTextTest {

    private static final TrajectoryId ID = new TrajectoryId("7b0c3c2e-7f5e-4c1a-9a59-0f3c1d1f6a02");
    private static final Actor ANNA = new Actor("anna", "Zilveren Kruis");
    private static final Instant AT = Instant.parse("2020-01-06T09:00:00Z");

    @Test
    void charactersXmlCannotHold_areReplaced_andOthersKept() {
        assertThat(AuditReportDocument.e("a\uFFFEb\uFFFFc\uD800d\uDC00e\u0001f\uD83D\uDE00g"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe f\uD83D\uDE00g");
    }

    @Test
    void aTrajectoryWithSuchText_rendersAsHtmlAndPdf() {
        List<TrajectoryEvent> events = List.of(
                new TrajectoryStarted(ID, "Title \uFFFE with \uD800 odd text \u0007", List.of(
                        new Party("Zilveren Kruis", PartyType.INSURER)), ANNA, AT),
                new NoteAdded(ID, "Note \uFFFF \uDC00 \u0000 \uD83D\uDE00 \u202E reversed", Phase.INTERNAL_PREPARATION,
                        ANNA, AT.plusSeconds(60)));
        AuditReport report = AuditReport.of(new PhaseStateHistory.Reconstruction(PhaseStateHistory.Point.now(),
                PhaseStateFold.foldAll(events), null));

        assertThat(AuditReportDocument.html(report)).doesNotContain("\uFFFE", "\uFFFF", "\u0000");
        assertThat(AuditReportDocument.pdf(report)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }
}
