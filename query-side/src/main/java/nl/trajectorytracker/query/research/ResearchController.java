package nl.trajectorytracker.query.research;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What researchers reach: their own studies, each study's anonymised histories and aggregates, as JSON, CSV or JSON
 * Lines ({@code ?format=} or the Accept header). A study the researcher is not bound to answers 404.
 */
@RestController
@RequestMapping("/api/research/studies")
public class ResearchController {

    /** How much of a release is gathered before it goes out. */
    private static final int WRITE_BUFFER = 64 * 1024;

    private final ResearchStudies studies;
    private final ResearcherResolver callers;

    public ResearchController(ResearchStudies studies, ResearcherResolver callers) {
        this.studies = studies;
        this.callers = callers;
    }

    @GetMapping
    public List<StudyView> mine(HttpServletRequest request) {
        return studies.ofResearcher(callers.studiesOf(request));
    }

    @GetMapping("/{studyId}")
    public StudyView one(@PathVariable String studyId, HttpServletRequest request) {
        return studies.forResearcher(studyId, callers.studiesOf(request));
    }

    @GetMapping("/{studyId}/histories")
    public void histories(@PathVariable String studyId,
            @RequestParam(required = false) String partyType, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String playbookVersion, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        view(studyId, "histories", partyType, year, playbookVersion, format, accept, request, response);
    }

    @GetMapping("/{studyId}/aggregates/{view}")
    public void aggregate(@PathVariable String studyId, @PathVariable String view,
            @RequestParam(required = false) String partyType, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String playbookVersion, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        view(studyId, view, partyType, year, playbookVersion, format, accept, request, response);
    }

    /**
     * Decides the release before anything is written (a refusal is still a problem detail), then writes it to the
     * response as it is made: a histories release goes out a chunk of trajectories at a time.
     */
    private void view(String studyId, String view, String partyType, Integer year, String playbookVersion,
            String format, String accept, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ResearchFilter filter = ResearchFilter.of(partyType, year, playbookVersion);
        ResearchFormat chosen = ResearchFormat.choose(format, accept);
        ResearchStudies.Export export = studies.export(studyId, callers.studiesOf(request), callers.nameOf(request),
                view, filter, chosen);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(chosen.mediaType());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                WRITE_BUFFER);
        export.writeTo(out);
        out.flush();
    }
}
