package nl.trajectorytracker.infra.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.commands.AcceptProposal;
import nl.trajectorytracker.api.commands.AddStakeholder;
import nl.trajectorytracker.api.commands.AdvancePhase;
import nl.trajectorytracker.api.commands.AgreeGoal;
import nl.trajectorytracker.api.commands.AssessPreviousAgreement;
import nl.trajectorytracker.api.commands.AssessTrust;
import nl.trajectorytracker.api.commands.ConcludeTrajectory;
import nl.trajectorytracker.api.commands.CounterProposal;
import nl.trajectorytracker.api.commands.DecideGoNoGo;
import nl.trajectorytracker.api.commands.DefineBatna;
import nl.trajectorytracker.api.commands.DefineMonitoringIndicator;
import nl.trajectorytracker.api.commands.EscalateDeadlock;
import nl.trajectorytracker.api.commands.EstablishJointFact;
import nl.trajectorytracker.api.commands.HoldFinalEvaluation;
import nl.trajectorytracker.api.commands.HoldInterimEvaluation;
import nl.trajectorytracker.api.commands.MakeProposal;
import nl.trajectorytracker.api.commands.MeasureIndicator;
import nl.trajectorytracker.api.commands.RecordDecision;
import nl.trajectorytracker.api.commands.RecordJointAmbition;
import nl.trajectorytracker.api.commands.RejectProposal;
import nl.trajectorytracker.api.commands.ResolveDeadlock;
import nl.trajectorytracker.api.commands.ReviseBatna;
import nl.trajectorytracker.api.commands.SetStrategicGoal;
import nl.trajectorytracker.api.commands.SignAgreement;
import nl.trajectorytracker.api.commands.StartTrajectory;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.ContractModel;
import nl.trajectorytracker.api.values.GoNoGo;
import nl.trajectorytracker.api.values.GoalKind;
import nl.trajectorytracker.api.values.Influence;
import nl.trajectorytracker.api.values.Outcome;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.PartyType;
import nl.trajectorytracker.api.values.Phase;
import nl.trajectorytracker.api.values.QuadrupleAimDimension;
import nl.trajectorytracker.api.values.SharingArrangement;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.StakeholderScope;
import nl.trajectorytracker.api.values.Terms;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;

/**
 * Synthetic trajectories for research and benchmarks: seeded and reproducible (the same seed and index give the
 * same trajectory id and the same commands), sent as real commands through the command gateway.
 *
 * <p>Each trajectory has a buyer (insurer, municipality or care office) and a care provider, sometimes a third
 * party, plausible phase durations (months of preparation and co-design, a contract of one to five years), a
 * contract model with a matching duration, an outcome (about 55% fulfilled, 25% fallen back to the BATNA, 12%
 * abandoned, 8% still open) and trust assessments whose trend follows the outcome. Every trajectory ends before
 * {@link #HORIZON}, so the same seed gives the same data whenever it runs.
 *
 * <p>{@link #plan(long, int)} gives the commands without sending them; {@link #generate} sends them, skipping
 * trajectories that exist already (so running twice with the same seed adds nothing).
 */
@Component
public class SyntheticTrajectories {

    public static final long DEFAULT_SEED = 20250101L;
    public static final LocalDate HORIZON = LocalDate.of(2026, 6, 30);
    /** A run stops when this many trajectories fail one after the other (the store is gone, say). */
    public static final int GIVE_UP_AFTER_FAILURES_IN_A_ROW = 10;
    private static final LocalDate EARLIEST = LocalDate.of(2015, 1, 1);

    private static final Logger log = LoggerFactory.getLogger(SyntheticTrajectories.class);

    private static final String[] PLACES = {"Noord", "Zuid", "Oost", "West", "Midden", "Rijnmond", "Twente",
        "Drechtsteden", "Kennemerland", "Gooi", "Eemland", "Limburg", "Zeeland", "Friesland", "Utrecht", "Brabant",
        "Gelderland", "Haaglanden", "Amstelland", "Flevoland"};
    private static final String[] PROVIDERS = {"Ziekenhuis", "Thuiszorg", "GGZ", "Zorggroep", "Huisartsencooperatie",
        "Revalidatiecentrum", "Wijkteam"};
    private static final String[] CARE = {"orthopaedic care", "diabetes care", "elderly care at home",
        "youth mental health care", "COPD care", "maternity care", "dementia care", "cardiology"};

    /** Where a synthetic trajectory ends up. */
    public enum Fate { FULFILLED, FALLBACK, ABANDONED, OPEN }

    /** The commands of one synthetic trajectory, in order; the first starts it. */
    public record Plan(TrajectoryId id, Fate fate, ContractModel model, List<Object> commands) {
    }

    /** Told how many trajectories are done. */
    public interface Progress {
        void update(int done);

        default void finish(int done) {
            update(done);
        }

        Progress NONE = done -> { };
    }

    /** What a run did; trajectories neither created, skipped nor failed were not tried after giving up. */
    public record Report(int created, int skipped, int failed, long commands, Duration elapsed) {
    }

    private final CommandGateway commandGateway;
    private final EventStore events;
    private final int threads;

    public SyntheticTrajectories(CommandGateway commandGateway, EventStore events,
            @org.springframework.beans.factory.annotation.Value("${tracker.generator.threads:2}") int threads) {
        this.commandGateway = commandGateway;
        this.events = events;
        this.threads = Math.max(1, threads);
    }

    /** The id of trajectory {@code index} of {@code seed}. */
    public static TrajectoryId idOf(long seed, int index) {
        return new TrajectoryId(UUID.nameUUIDFromBytes(("synthetic:" + seed + ":" + index)
                .getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** Sends {@code count} synthetic trajectories of {@code seed}; those that exist already are skipped. */
    public Report generate(int count, long seed, Progress progress) {
        long started = System.nanoTime();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong commands = new AtomicLong();
        AtomicInteger failedInARow = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "synthetic-trajectories");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < count; i++) {
            int index = i;
            workers.execute(() -> {
                if (failedInARow.get() >= GIVE_UP_AFTER_FAILURES_IN_A_ROW) {
                    progress.update(done.incrementAndGet());
                    return;
                }
                try {
                    Plan plan = plan(seed, index);
                    if (events.lastSequenceNumberFor(plan.id().value()).isPresent()) {
                        skipped.incrementAndGet();
                    } else {
                        for (Object command : plan.commands()) {
                            commandGateway.sendAndWait(command);
                            commands.incrementAndGet();
                        }
                        created.incrementAndGet();
                    }
                    failedInARow.set(0);
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    if (failedInARow.incrementAndGet() == GIVE_UP_AFTER_FAILURES_IN_A_ROW) {
                        log.error("Giving up after {} synthetic trajectories failed in a row", failedInARow.get());
                    }
                    log.warn("Synthetic trajectory {} of seed {} failed: {}", index, seed, e.getMessage());
                }
                progress.update(done.incrementAndGet());
            });
        }
        workers.shutdown();
        try {
            while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                progress.update(done.get());
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        progress.finish(done.get());
        return new Report(created.get(), skipped.get(), failed.get(), commands.get(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The commands of trajectory {@code index} of {@code seed}; pure, the same every time. */
    public static Plan plan(long seed, int index) {
        return new Planner(seed, index).plan();
    }

    private static final class Planner {
        private final Random random;
        private final TrajectoryId id;
        private final List<Object> commands = new ArrayList<>();
        private LocalDate day;
        private double personTrust;
        private double organisationTrust;

        Planner(long seed, int index) {
            this.random = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
            this.id = idOf(seed, index);
        }

        Plan plan() {
            Fate fate = pick(new Fate[] {Fate.FULFILLED, Fate.FALLBACK, Fate.ABANDONED, Fate.OPEN},
                    new double[] {0.55, 0.25, 0.12, 0.08});
            ContractModel model = pick(ContractModel.values(), new double[] {0.28, 0.18, 0.32, 0.12, 0.10});
            int months = switch (model) {
                case FEE_FOR_SERVICE -> 12 * (1 + random.nextInt(2));
                case BUNDLED_PAYMENT -> 12 * (2 + random.nextInt(2));
                case SHARED_SAVINGS -> random.nextBoolean() ? 36 : 60;
                case POPULATION_BASED_CAPITATION -> 60;
                default -> 12 * (2 + random.nextInt(3));
            };
            int preparation = between(30, 150);
            int coDesign = between(45, 240);
            int negotiation = between(30, 180);
            int after = between(20, 90);
            int total = preparation + coDesign + negotiation + months * 31 + after;
            long room = ChronoUnit.DAYS.between(EARLIEST, HORIZON) - total;
            day = EARLIEST.plusDays((long) (random.nextDouble() * room));

            String place = PLACES[random.nextInt(PLACES.length)];
            PartyType buyerType = pick(new PartyType[] {PartyType.INSURER, PartyType.MUNICIPALITY,
                PartyType.CARE_OFFICE}, new double[] {0.5, 0.25, 0.25});
            String buyer = switch (buyerType) {
                case MUNICIPALITY -> "Gemeente " + place;
                case CARE_OFFICE -> "Zorgkantoor " + place;
                default -> "Zorgverzekeraar " + PLACES[random.nextInt(5)];
            };
            String provider = PROVIDERS[random.nextInt(PROVIDERS.length)] + " " + place;
            String care = CARE[random.nextInt(CARE.length)];
            List<Party> parties = new ArrayList<>(List.of(new Party(buyer, buyerType),
                    new Party(provider, PartyType.CARE_PROVIDER)));
            if (buyerType == PartyType.INSURER && random.nextDouble() < 0.15) {
                parties.add(new Party("Gemeente " + place, PartyType.MUNICIPALITY));
            }
            Actor lead = DemoData.actorOf(buyer);
            Actor partner = DemoData.actorOf(provider);
            personTrust = 2 + random.nextInt(3);
            organisationTrust = 1 + random.nextInt(3);
            double trend = switch (fate) {
                case FULFILLED -> 0.45;
                case FALLBACK -> -0.5;
                case ABANDONED -> -0.25;
                case OPEN -> 0.15;
            };
            Phase stopAt = fate == Fate.ABANDONED || fate == Fate.OPEN
                    ? Phase.values()[random.nextInt(4)]
                    : null;

            commands.add(new StartTrajectory(id, buyer + " and " + provider + ": " + care, parties, lead, at()));
            // phase 1: internal preparation
            later(2, 10);
            send(new SetStrategicGoal(id, "G1", "Better " + care + " in " + place + " at a sustainable cost",
                    "Demand grows faster than the budget", lead, at(), null));
            later(3, 15);
            send(new AssessPreviousAgreement(id, "Yearly " + model(ContractModel.FEE_FOR_SERVICE) + " contract",
                    false, "Yearly price talks leave no room for improvement", true, null, lead, at(), null));
            later(5, 20);
            send(new DefineBatna(id, "Continue the current one-year contract", "Known and safe", lead, at(), null));
            if (random.nextDouble() < 0.4) {
                later(10, 40);
                send(new ReviseBatna(id, "Contract part of the volume with another provider",
                        "A second provider in the region has capacity", lead, at(), null));
            }
            later(5, 20);
            send(new AddStakeholder(id, "S1", "Client council", StakeholderScope.EXTERNAL,
                    "Speaks for the clients", List.of("Care close to home"), Influence.MEDIUM, lead, at(), null));
            later(5, 20);
            send(new RecordDecision(id, "DEC-1", "Aim for a multi-year agreement",
                    "Only a longer horizon rewards improvement", List.of("Another yearly contract"), List.of(),
                    "P1.PREVIOUS_AGREEMENTS_SERVE_GOALS", List.of(buyer), lead, at(), null));
            if (stopAt == Phase.INTERNAL_PREPARATION) {
                return finish(fate, model, lead);
            }
            day = day.plusDays(Math.max(1, preparation - 40L));
            send(new AdvancePhase(id, Phase.CO_DESIGN, null, lead, at(), null));

            // phase 2: co-design
            later(5, 20);
            send(new RecordJointAmbition(id, "The best " + care + " in " + place, Math.max(1, months / 12), lead,
                    at(), null));
            trust(lead, provider, trend);
            later(10, 30);
            send(new AgreeGoal(id, "Q1", "Measurably better " + care,
                    pick(QuadrupleAimDimension.values(), null), GoalKind.SMART, null, lead, at(), null));
            later(10, 30);
            send(new EstablishJointFact(id, "Baseline volume and cost of " + care, "Declaration data",
                    parties.stream().map(Party::organisationName).toList(), lead, at(), null));
            boolean noGo = fate == Fate.FALLBACK && random.nextDouble() < 0.4;
            later(10, 40);
            send(new DecideGoNoGo(id, "End of co-design", noGo ? GoNoGo.NO_GO : GoNoGo.GO,
                    noGo ? "No shared view on the baseline" : "The joint facts support a new model",
                    lead, at(), null));
            if (noGo) {
                trust(lead, provider, trend);
                return finish(fate, model, lead);
            }
            if (stopAt == Phase.CO_DESIGN) {
                return finish(fate, model, lead);
            }
            day = day.plusDays(Math.max(1, coDesign - 60L));
            send(new AdvancePhase(id, Phase.NEGOTIATION, null, lead, at(), null));

            // phase 3: negotiation
            later(5, 20);
            send(new MakeProposal(id, "P1", buyer, terms(ContractModel.FEE_FOR_SERVICE, 12), lead, at(), null));
            later(5, 30);
            send(new CounterProposal(id, "P1", "P2", provider, terms(model, months),
                    "A longer horizon is needed to earn back investments", partner, at(), null));
            boolean deadlock = fate == Fate.FALLBACK || random.nextDouble() < 0.3;
            if (deadlock) {
                later(5, 30);
                send(new EscalateDeadlock(id, "D1", "Sharing of losses", "Directors", lead, at(), null));
            }
            trust(lead, provider, trend);
            if (fate == Fate.FALLBACK) {
                later(5, 30);
                send(new RejectProposal(id, "P2", buyer, "The risk for us is too high", lead, at(), null));
                later(2, 10);
                send(new RecordDecision(id, "DEC-2", "Fall back to our BATNA",
                        "The directors could not resolve the deadlock", List.of("Another round of talks"),
                        List.of(), "P3.DEADLOCKS", List.of(buyer), lead, at(), null));
                return finish(fate, model, lead);
            }
            if (deadlock) {
                later(5, 30);
                send(new ResolveDeadlock(id, "D1", "Losses are capped", lead, at(), null));
            }
            later(3, 15);
            send(new AcceptProposal(id, "P2", buyer, lead, at(), null));
            later(3, 15);
            send(new DefineMonitoringIndicator(id, "I1", "Outcome indicator for " + care, GoalKind.SMART,
                    "Ten percent better within the contract", provider, QuadrupleAimDimension.QUALITY_OF_CARE,
                    lead, at(), null));
            if (stopAt == Phase.NEGOTIATION) {
                return finish(fate, model, lead);
            }
            day = day.plusDays(Math.max(1, negotiation - 50L));
            LocalDate start = day.plusMonths(1).withDayOfMonth(1);
            LocalDate end = start.plusMonths(months).minusDays(1);
            List<Signatory> signatories = parties.stream()
                    .map(party -> new Signatory("Director of " + party.organisationName(), party.organisationName(),
                            "Director"))
                    .toList();
            send(new SignAgreement(id, terms(model, months), signatories, start, end, lead, at(), null));
            send(new AdvancePhase(id, Phase.RUNNING_AGREEMENT, null, lead, at(), null));

            // phase 4: running agreement, a measurement and trust assessment a year
            double value = 100;
            for (int year = 1; year * 12 <= months; year++) {
                day = start.plusYears(year).minusDays(between(1, 20));
                value *= fate == Fate.FULFILLED ? 0.9 + random.nextDouble() * 0.08 : 0.97 + random.nextDouble() * 0.06;
                send(new MeasureIndicator(id, "I1", String.format(java.util.Locale.ROOT, "%.1f", value), day,
                        null, lead, at(), null));
                trust(lead, provider, trend);
                if (year == Math.max(1, months / 24)) {
                    later(5, 20);
                    send(new HoldInterimEvaluation(id, value < 95 ? "On track" : "Behind plan", value >= 95,
                            lead, at(), null));
                }
                if (stopAt == Phase.RUNNING_AGREEMENT && year * 12 >= months / 2) {
                    return finish(fate, model, lead);
                }
            }
            if (stopAt == Phase.RUNNING_AGREEMENT) {
                return finish(fate, model, lead);
            }
            // phase 5: after the agreement
            day = end.plusDays(between(1, after));
            send(new AdvancePhase(id, Phase.AFTER_AGREEMENT, null, lead, at(), null));
            later(5, 20);
            send(new HoldFinalEvaluation(id, "Joint reflection session",
                    List.of(String.format(java.util.Locale.ROOT, "Indicator from 100 to %.1f", value)),
                    List.of("Agree on the data before the first proposal"), lead, at(), null));
            trust(lead, provider, trend);
            return finish(fate, model, lead);
        }

        private Plan finish(Fate fate, ContractModel model, Actor lead) {
            later(3, 20);
            switch (fate) {
                case FULFILLED -> send(new ConcludeTrajectory(id, Outcome.AGREEMENT_FULFILLED,
                        "The agreement ran its term", lead, at(), null));
                case FALLBACK -> send(new ConcludeTrajectory(id, Outcome.FALLBACK_TO_BATNA,
                        "No agreement; we continue with our BATNA", lead, at(), null));
                case ABANDONED -> send(new ConcludeTrajectory(id, Outcome.ABANDONED,
                        "Priorities changed on both sides", lead, at(), null));
                case OPEN -> {
                    // still open: no conclusion
                }
            }
            return new Plan(id, fate, model, List.copyOf(commands));
        }

        private void trust(Actor lead, String counterpart, double trend) {
            personTrust = clamp(personTrust + trend + random.nextGaussian() * 0.5);
            organisationTrust = clamp(organisationTrust + trend + random.nextGaussian() * 0.6);
            later(1, 10);
            send(new AssessTrust(id, counterpart, new TrustScore((int) Math.round(personTrust)),
                    new TrustScore((int) Math.round(organisationTrust)), null, lead, at(), null));
        }

        private Terms terms(ContractModel model, int months) {
            SharingArrangement gain = model == ContractModel.SHARED_SAVINGS
                    || model == ContractModel.POPULATION_BASED_CAPITATION
                    ? new SharingArrangement(30 + 10 * random.nextInt(3), null, "Savings shared") : null;
            SharingArrangement loss = gain != null && random.nextBoolean()
                    ? new SharingArrangement(gain.careProviderPercent(), 500_000L * (1 + random.nextInt(4)),
                            "Losses shared, capped")
                    : null;
            return new Terms(model, months, gain, loss, model(model) + " for " + months + " months");
        }

        private static String model(ContractModel model) {
            return model.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }

        private void send(Object command) {
            commands.add(command);
        }

        private void later(int min, int max) {
            day = day.plusDays(between(min, max));
        }

        private Instant at() {
            return day.atTime(9, 0).plusMinutes(commands.size()).toInstant(ZoneOffset.UTC);
        }

        private int between(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        private static double clamp(double score) {
            return Math.max(1, Math.min(5, score));
        }

        private <T> T pick(T[] options, double[] weights) {
            if (weights == null) {
                return options[random.nextInt(options.length)];
            }
            double r = random.nextDouble();
            for (int i = 0; i < options.length - 1; i++) {
                r -= weights[i];
                if (r < 0) {
                    return options[i];
                }
            }
            return options[options.length - 1];
        }
    }
}
