package nl.trajectorytracker.query.research;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administration of research studies: create, list, read, and the record of their exports. Never the secret. */
@RestController
@RequestMapping("/api/admin/studies")
public class StudyAdminController {

    private final ResearchStudies studies;
    private final ResearcherResolver callers;

    public StudyAdminController(ResearchStudies studies, ResearcherResolver callers) {
        this.studies = studies;
        this.callers = callers;
    }

    @PostMapping
    public ResponseEntity<StudyView> create(@RequestBody StudyRequest request, HttpServletRequest http) {
        StudyView study = studies.create(request, callers.nameOf(http));
        return ResponseEntity.created(URI.create("/api/admin/studies/" + study.id())).body(study);
    }

    @GetMapping
    public List<StudyView> all() {
        return studies.all();
    }

    @GetMapping("/{id}")
    public StudyView one(@PathVariable String id) {
        return studies.one(id);
    }

    @GetMapping("/{id}/exports")
    public List<StudyExport> exports(@PathVariable String id) {
        return studies.exportsOf(id);
    }
}
