package nl.trajectorytracker.infra.projections;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.infra.projections.ConsistencyChecks.CheckProgress;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds.ProcessorStatus;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds.RebuildProgress;

/**
 * Administration of the read models (role {@code ADMIN}): their processors' status, rebuilds and consistency checks
 * (each 202 with the resource to poll). An unknown name answers 404.
 */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionsAdminController {

    private final ProjectionRebuilds rebuilds;
    private final ConsistencyChecks checks;

    public ProjectionsAdminController(ProjectionRebuilds rebuilds, ConsistencyChecks checks) {
        this.rebuilds = rebuilds;
        this.checks = checks;
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
    public ResponseEntity<CheckProgress> check(@PathVariable String name) {
        CheckProgress progress = checks.start(name);
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/" + name + "/consistency-check"))
                .body(progress);
    }

    @GetMapping("/{name}/consistency-check")
    public CheckProgress latestCheck(@PathVariable String name) {
        return checks.latest(name);
    }
}
