package nl.trajectorytracker.infra.projections;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.StartupOrder;

/**
 * The command-line option {@code --rebuild=all} or {@code --rebuild=<name>[,<name>...]} rebuilds read models when
 * the application has started; an unknown name stops the start-up. Progress shows in the log and at
 * {@code GET /api/admin/projections}.
 */
@Component
@Order(StartupOrder.REBUILD_ON_REQUEST)
public class RebuildAtStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildAtStartup.class);

    private final ProjectionRebuilds rebuilds;

    public RebuildAtStartup(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> requested = arguments.getOptionValues("rebuild");
        if (requested == null || requested.isEmpty()) {
            return;
        }
        List<String> names = requested.stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
        if (names.contains("all")) {
            log.info("Rebuilding every read model, as asked on the command line");
            rebuilds.rebuildAll();
            return;
        }
        names.stream().filter(name -> !rebuilds.names().contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("--rebuild names no projection " + name + "; known: "
                    + rebuilds.names() + " or all");
        });
        names.forEach(rebuilds::rebuild);
    }
}
