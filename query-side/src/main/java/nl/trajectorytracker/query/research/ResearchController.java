package nl.trajectorytracker.query.research;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    public ResponseEntity<String> histories(@PathVariable String studyId,
            @RequestParam(required = false) String partyType, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String playbookVersion, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        return view(studyId, "histories", partyType, year, playbookVersion, format, accept, request);
    }

    @GetMapping("/{studyId}/aggregates/{view}")
    public ResponseEntity<String> aggregate(@PathVariable String studyId, @PathVariable String view,
            @RequestParam(required = false) String partyType, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String playbookVersion, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        return view(studyId, view, partyType, year, playbookVersion, format, accept, request);
    }

    private ResponseEntity<String> view(String studyId, String view, String partyType, Integer year,
            String playbookVersion, String format, String accept, HttpServletRequest request) {
        ResearchFilter filter = ResearchFilter.of(partyType, year, playbookVersion);
        ResearchFormat chosen = ResearchFormat.choose(format, accept);
        String body = studies.export(studyId, callers.studiesOf(request), callers.nameOf(request), view, filter,
                chosen);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(chosen.mediaType()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }
}
