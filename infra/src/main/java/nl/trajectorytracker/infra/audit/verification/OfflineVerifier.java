package nl.trajectorytracker.infra.audit.verification;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The offline command of the application jar: {@code java -jar infra.jar --verify-bundle=bundle.json
 * [--public-key=key.pem] [--trusted-tree-head=head.json]}. Runs before (and instead of) Spring: no server, no
 * database. Prints {@code OK ...}, {@code UNVERIFIED ...} or {@code BROKEN ...} with the first broken position and
 * why. Exit codes: {@value #VERIFIED} everything verified, signed and logged; {@value #BROKEN} the record or the log
 * is broken; {@value #UNREADABLE} the input cannot be used; {@value #INCOMPLETE} consistent, but with events no
 * signed tree head covers, or nothing signed at all.
 */
public final class OfflineVerifier {

    public static final String BUNDLE_OPTION = "--verify-bundle=";
    public static final String KEY_OPTION = "--public-key=";
    public static final String TRUSTED_HEAD_OPTION = "--trusted-tree-head=";
    public static final int VERIFIED = 0;
    public static final int BROKEN = 1;
    public static final int UNREADABLE = 2;
    public static final int INCOMPLETE = 3;

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
        Path trustedHeadFile = null;
        for (String arg : args) {
            if (arg.startsWith(BUNDLE_OPTION)) {
                bundleFile = Path.of(arg.substring(BUNDLE_OPTION.length()));
            } else if (arg.startsWith(KEY_OPTION)) {
                keyFile = Path.of(arg.substring(KEY_OPTION.length()));
            } else if (arg.startsWith(TRUSTED_HEAD_OPTION)) {
                trustedHeadFile = Path.of(arg.substring(TRUSTED_HEAD_OPTION.length()));
            }
        }
        try {
            AuditBundle bundle = AuditBundle.read(bundleFile);
            String trustedKey = keyFile == null ? null : Files.readString(keyFile);
            TreeHead trustedHead = trustedHeadFile == null ? null : AuditBundle.readTreeHead(trustedHeadFile);
            Verification verification = bundle.verify(trustedKey, trustedHead);
            out.println(verification.summary());
            if (keyFile == null && bundle.publicKey() != null) {
                out.println("(checked with the public key inside the bundle; pass " + KEY_OPTION
                        + "<file> to check with a key you obtained yourself)");
            }
            if (trustedHead != null && verification.ok()) {
                out.println("The bundle's tree head (size " + bundle.treeHead().treeSize() + ") extends the trusted"
                        + " one (size " + trustedHead.treeSize() + ")");
            }
            if (!bundle.carriesHead()) {
                out.println("The bundle is of an earlier format (" + bundle.format() + ") without the service's signed"
                        + " head of the trajectory: commits cut off at its end cannot be told; export it again");
                return verification.status() == Verification.Status.BROKEN ? BROKEN : INCOMPLETE;
            }
            return exitCode(verification);
        } catch (Exception e) {
            out.println("ERROR: cannot verify " + bundleFile + ": " + e.getMessage());
            return UNREADABLE;
        }
    }

    private static int exitCode(Verification verification) {
        return switch (verification.status()) {
            case BROKEN -> BROKEN;
            case UNVERIFIED -> INCOMPLETE;
            case OK -> verification.unsignedEvents() > 0 || verification.treeHead() == null
                    || verification.signatures() != Verification.SignatureStatus.VALID ? INCOMPLETE : VERIFIED;
        };
    }
}
