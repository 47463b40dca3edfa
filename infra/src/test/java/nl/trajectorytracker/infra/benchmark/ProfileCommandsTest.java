package nl.trajectorytracker.infra.benchmark;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import nl.trajectorytracker.api.commands.AddNote;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.infra.TrajectoryTrackerApplication;

class ProfileCommandsTest {
    @Test
    void profile() throws Exception {
        var data = Files.createTempDirectory("prof");
        try (var app = new SpringApplicationBuilder(TrajectoryTrackerApplication.class).web(WebApplicationType.NONE)
                .run("--tracker.data-dir=" + data, "--logging.level.root=WARN", "--TRACKER_ADMIN_TOKEN=tt_benchmark-admin-token-0123456789abcdef")) {
            CommandGateway gateway = app.getBean(CommandGateway.class);
            Actor actor = new Actor("benchmark", "CZ");
            TrajectoryId id = TrajectoryId.random();
            gateway.sendAndWait(new StartTrajectory(id, "p", List.of(new Party("CZ", PartyType.INSURER), new Party("R", PartyType.CARE_PROVIDER)), actor, Instant.now()));
            Thread main = Thread.currentThread();
            Map<String, Integer> hist = new HashMap<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    StackTraceElement[] st = main.getStackTrace();
                    StringBuilder key = new StringBuilder();
                    int n = 0;
                    for (StackTraceElement e : st) {
                        String c = e.getClassName();
                        if (!(c.startsWith("nl.") || c.startsWith("org.axonframework") || c.startsWith("org.springframework.data"))) continue;
                        if (c.contains("Interceptor") || c.contains("UnitOfWork") || c.contains("Lambda")) continue;
                        key.append(c.substring(c.lastIndexOf('.') + 1)).append('.').append(e.getMethodName()).append(':').append(e.getLineNumber()).append(" < ");
                        if (++n >= 4) break;
                    }
                    hist.merge(key.toString(), 1, Integer::sum);
                    try { Thread.sleep(2); } catch (InterruptedException ex) { return; }
                }
            });
            long t = System.nanoTime();
            sampler.start();
            for (int i = 0; i < 1000; i++) {
                gateway.sendAndWait(new AddNote(id, "note " + i, actor, Instant.now()));
            }
            sampler.interrupt();
            System.out.println("RATE " + 1000 / ((System.nanoTime() - t) / 1e9));
            hist.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                    .forEach(e -> System.out.println("HIST " + e.getValue() + " " + e.getKey()));
        }
    }
}
