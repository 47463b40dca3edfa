package nl.trajectorytracker.command.playbook;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.playbook.Playbook;
import nl.trajectorytracker.api.playbook.Playbooks;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;

/** The playbook the trajectories follow: its phases, topics and guiding questions, in English and Dutch. */
@RestController
@RequestMapping("/api/playbook")
public class PlaybookController {

    /** The current version of the playbook. */
    @GetMapping
    public Playbook current() {
        return Playbooks.current();
    }

    /** The published versions, the current one last. */
    @GetMapping("/versions")
    public List<String> versions() {
        return Playbooks.versions();
    }

    /** One published version; an unknown version is a 404. */
    @GetMapping("/versions/{version}")
    public Playbook version(@PathVariable String version) {
        return Playbooks.version(version).orElseThrow(() -> new DomainException(ErrorCode.PLAYBOOK_VERSION_NOT_FOUND,
                "No playbook version " + version));
    }
}
