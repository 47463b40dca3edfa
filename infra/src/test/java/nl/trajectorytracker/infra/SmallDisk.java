package nl.trajectorytracker.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of a test's own, to fill up: a tmpfs mounted under the temporary directory. Mounting takes
 * root; where it cannot be mounted, {@link #mount} is empty and the test is skipped.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path path;

    private SmallDisk(Path path) {
        this.path = path;
    }

    public static Optional<SmallDisk> mount(String name, int megabytes) {
        Path path = Path.of(System.getProperty("java.io.tmpdir"), name);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            return Optional.empty();
        }
        return run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", path.toString())
                ? Optional.of(new SmallDisk(path))
                : Optional.empty();
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

    @Override
    public void close() {
        run("umount", "-l", path.toString());
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
