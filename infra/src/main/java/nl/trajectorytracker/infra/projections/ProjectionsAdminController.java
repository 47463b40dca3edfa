package nl.trajectorytracker.infra.projections;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.infra.projections.ConsistencyCheck.ConsistencyReport;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds.ProcessorStatus;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds.RebuildProgress;

/**
 * Administration of the read models (role {@code ADMIN}): their processors' status, rebuilds (202 with the progress
 * resource to poll) and consistency checks. An unknown name answers 404.
 */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionsAdminController {

    private final ProjectionRebuilds rebuilds;
    private final ConsistencyCheck consistency;

    public ProjectionsAdminController(ProjectionRebuilds rebuilds, ConsistencyCheck consistency) {
        this.rebuilds = rebuilds;
        this.consistency = consistency;
    }

    @GetMapping
    public List<ProcessorStatus> all() {
        return rebuilds.status();
    }

    @GetMapping("/{name}")
    public ProcessorStatus one(@PathVariable String name) {
        return rebuilds.status(name);
    }

    @PostMapping("/{name}/rebuild")
    public ResponseEntity<RebuildProgress> rebuild(@PathVariable String name) {
        RebuildProgress progress = rebuilds.rebuild(name);
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/" + name)).body(progress);
    }

    @PostMapping("/rebuild")
    public ResponseEntity<List<RebuildProgress>> rebuildAll() {
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections")).body(rebuilds.rebuildAll());
    }

    @PostMapping("/{name}/consistency-check")
    public ConsistencyReport check(@PathVariable String name) {
        return consistency.check(name);
    }

    @GetMapping("/{name}/consistency-check")
    public ConsistencyReport checkByGet(@PathVariable String name) {
        return consistency.check(name);
    }
}
