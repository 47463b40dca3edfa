package nl.trajectorytracker.infra.audit;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public key that verifies checkpoints (any authenticated role: it is public, and auditors, negotiators and
 * researchers alike may want to pin it), and on-demand checkpoints for administrators.
 */
@RestController
public class AuditController {

    private final SigningKey key;
    private final Checkpointer checkpointer;

    public AuditController(SigningKey key, Checkpointer checkpointer) {
        this.key = key;
        this.checkpointer = checkpointer;
    }

    @GetMapping("/api/audit/public-key")
    public ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("X-Signing-Key-Ephemeral", String.valueOf(key.ephemeral()))
                .body(key.publicKeyPem());
    }

    @PostMapping("/api/admin/audit/checkpoints")
    public Checkpointer.CheckpointRun checkpoints() {
        return checkpointer.checkpointAll();
    }
}
