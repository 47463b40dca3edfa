package nl.trajectorytracker.infra.security.erasure;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.trajectorytracker.api.values.Require;
import nl.trajectorytracker.infra.audit.accesslog.AuditAccessLog;
import nl.trajectorytracker.infra.projections.ProjectionRebuilds;
import nl.trajectorytracker.infra.security.AccountStore;

/**
 * Erasure of a person (GDPR art. 17), for administrators: deletes the person's key, anonymises and revokes their
 * accounts, takes their name out of the audit access log, and rebuilds the read models. The events stay as they were; what they hold of the person can no longer
 * be read.
 */
@RestController
@RequestMapping("/api/admin/erasures")
public class ErasureController {

    private final PersonalDataVault vault;
    private final AccountStore accounts;
    private final AuditAccessLog accessLog;
    private final ProjectionRebuilds rebuilder;

    public ErasureController(PersonalDataVault vault, AccountStore accounts, AuditAccessLog accessLog,
            ProjectionRebuilds rebuilder) {
        this.vault = vault;
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.rebuilder = rebuilder;
    }

    /** Body of an erasure: the name under which the person acted or was recorded. */
    public record ErasureRequest(String person) {
    }

    /** What an erasure did. */
    public record ErasureDone(boolean keyDeleted, int accountsAnonymised, List<String> readModelsRebuilding) {
    }

    @PostMapping
    public ErasureDone erase(@RequestBody ErasureRequest body) {
        String person = Require.text("person", body.person(), 200);
        boolean keyDeleted = vault.erase(person);
        int anonymised = accounts.anonymise(person);
        // the audit access log named who read what: the reads stay, the name goes
        accessLog.erase(person);
        return new ErasureDone(keyDeleted, anonymised,
                rebuilder.rebuildAll().stream().map(ProjectionRebuilds.RebuildProgress::name).toList());
    }
}
