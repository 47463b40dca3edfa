package nl.trajectorytracker.infra.audit.verification;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The offline command of the application jar:
 * {@code java -jar infra.jar --verify-bundle=bundle.json [--public-key=key.pem]}. Runs before (and instead of)
 * Spring: no server, no database. Prints {@code OK ...} or {@code BROKEN ...} with the first broken position and
 * why; exit code 0 when the chain verifies and the checkpoint's signature is valid, 1 otherwise, 2 for bad input.
 */
public final class OfflineVerifier {

    public static final String BUNDLE_OPTION = "--verify-bundle=";
    public static final String KEY_OPTION = "--public-key=";

    private OfflineVerifier() {
    }

    /** Whether the arguments ask for offline verification. */
    public static boolean requested(String[] args) {
        for (String arg : args) {
            if (arg.startsWith(BUNDLE_OPTION)) {
                return true;
            }
        }
        return false;
    }

    public static int run(String[] args, PrintStream out) {
        Path bundleFile = null;
        Path keyFile = null;
        for (String arg : args) {
            if (arg.startsWith(BUNDLE_OPTION)) {
                bundleFile = Path.of(arg.substring(BUNDLE_OPTION.length()));
            } else if (arg.startsWith(KEY_OPTION)) {
                keyFile = Path.of(arg.substring(KEY_OPTION.length()));
            }
        }
        try {
            AuditBundle bundle = AuditBundle.read(bundleFile);
            String trustedKey = keyFile == null ? null : Files.readString(keyFile);
            Verification verification = bundle.verify(trustedKey);
            out.println(verification.summary());
            if (keyFile == null && bundle.publicKey() != null) {
                out.println("(checked with the public key inside the bundle; pass " + KEY_OPTION
                        + "<file> to check with a key you obtained yourself)");
            }
            boolean signed = verification.checkpointKey() == Verification.CheckpointSignature.VALID;
            if (verification.ok() && !signed) {
                out.println("WARNING: no valid signed checkpoint; the chain is only consistent with itself");
            }
            return verification.ok() && signed ? 0 : 1;
        } catch (Exception e) {
            out.println("ERROR: cannot verify " + bundleFile + ": " + e.getMessage());
            return 2;
        }
    }
}
