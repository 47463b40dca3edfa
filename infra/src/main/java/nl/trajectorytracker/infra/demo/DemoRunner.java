package nl.trajectorytracker.infra.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.StartupOrder;

/**
 * The command-line options that fill the system once it is up: {@code --demo} loads the example trajectories, the
 * demo accounts and the demo study, and (unless {@code --generate} says how many) {@value #DEMO_SYNTHETIC} synthetic
 * trajectories, so that the demo researcher's aggregates have groups of k = 5 to release; {@code --generate=N}
 * (with {@code --seed=S}) adds N synthetic trajectories.
 */
@Component
@Order(StartupOrder.FILL_THE_STORE)
public class DemoRunner implements ApplicationRunner {

    /** Synthetic trajectories that {@code --demo} adds: enough for most aggregates of the demo study at k = 5. */
    public static final int DEMO_SYNTHETIC = 150;

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final DemoData demo;
    private final SyntheticTrajectories synthetic;

    public DemoRunner(DemoData demo, SyntheticTrajectories synthetic) {
        this.demo = demo;
        this.synthetic = synthetic;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("demo")) {
            DemoData.Loaded loaded = demo.load();
            log.info("Demo data: {} trajectories loaded ({} steps), {} existed already; tokens in {}",
                    loaded.started().size(), loaded.steps(), loaded.skipped().size(), loaded.tokenFile());
        }
        if (args.containsOption("generate") || args.containsOption("demo")) {
            int count = args.containsOption("generate") ? Integer.parseInt(single(args, "generate", null))
                    : DEMO_SYNTHETIC;
            long seed = Long.parseLong(single(args, "seed", Long.toString(SyntheticTrajectories.DEFAULT_SEED)));
            SyntheticTrajectories.Report report = synthetic.generate(count, seed,
                    new ConsoleProgressBar(System.out, count));
            log.info("Synthetic trajectories (seed {}): {} created, {} existed already, {} failed, {} commands in {} ms",
                    seed, report.created(), report.skipped(), report.failed(), report.commands(),
                    report.elapsed().toMillis());
        }
    }

    private static String single(ApplicationArguments args, String option, String fallback) {
        var values = args.getOptionValues(option);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("--" + option + " needs a value, e.g. --" + option + "=100");
            }
            return fallback;
        }
        return values.get(0).strip();
    }
}
