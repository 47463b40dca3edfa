package nl.trajectorytracker.infra.demo;

import java.io.PrintStream;

/** A one-line progress bar on a console: {@code [#####.....] 1234/5000 230/s ETA 17s}. */
public final class ConsoleProgressBar implements SyntheticTrajectories.Progress {

    private static final int WIDTH = 30;
    private static final long EVERY_NANOS = 200_000_000L;

    private final PrintStream out;
    private final int total;
    private final long started = System.nanoTime();
    private long lastPrinted;

    public ConsoleProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public synchronized void update(int done) {
        long now = System.nanoTime();
        if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            out.print('\r' + line(done, now));
            out.flush();
        }
    }

    @Override
    public synchronized void finish(int done) {
        out.println('\r' + line(done, System.nanoTime()));
        out.flush();
    }

    String line(int done, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / seconds;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " "
                + Math.round(rate) + "/s ETA " + eta + "s";
    }
}
