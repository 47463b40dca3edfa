package nl.trajectorytracker.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small file system of a test's own, to fill up: a tmpfs mounted under the temporary directory before each test
 * and unmounted after it. Mounting takes root; where it cannot be mounted, the test is skipped. Register with
 * {@code @RegisterExtension}.
 */
public final class SmallDisk implements BeforeEachCallback, AfterEachCallback {

    private final Path path;
    private final int megabytes;
    private boolean mounted;

    public SmallDisk(String name, int megabytes) {
        this.path = Path.of(System.getProperty("java.io.tmpdir"), name);
        this.megabytes = megabytes;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Files.createDirectories(path);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", path.toString());
        Assumptions.assumeTrue(mounted, "a small file system could not be mounted here");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (mounted) {
            run("umount", "-l", path.toString());
            mounted = false;
        }
    }

    public Path path() {
        return path;
    }

    /** Writes {@code file} until the file system has no room left. */
    public void fill(Path file) {
        byte[] block = new byte[16 * 1024];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left on device: as intended
        }
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
