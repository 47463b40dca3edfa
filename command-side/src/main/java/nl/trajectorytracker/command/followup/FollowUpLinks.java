package nl.trajectorytracker.command.followup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.commands.StartFollowUpTrajectory;
import nl.trajectorytracker.api.events.TrajectoryStarted;
import nl.trajectorytracker.api.values.DomainException;

/**
 * Completes follow-ups: a follow-up started through {@code POST /api/trajectories/{id}/follow-ups} is written before
 * the link on its predecessor, and should the process die between the two writes, this records the link from the
 * follow-up's start ({@link TrajectoryStarted} with {@value #FOLLOW_UP_OF} in its metadata). The endpoint records
 * the link itself as well; whichever comes second changes nothing. Not a read model: it cannot be reset, so it is
 * never rebuilt. A refusal (which the endpoint's checks before the first write rule out) is logged and skipped; any
 * other failure fails the batch, which the processor retries, so no follow-up stays without its link.
 */
@Component
@ProcessingGroup(FollowUpLinks.NAME)
public class FollowUpLinks implements DisposableBean {

    public static final String NAME = "follow-up-links";
    /** Metadata of a follow-up's start (copied from its command to its event): the predecessor's id. */
    public static final String FOLLOW_UP_OF = "followUpOf";

    private static final Logger log = LoggerFactory.getLogger(FollowUpLinks.class);

    private final CommandGateway commands;
    /**
     * Commands are sent from a thread of their own: sent from the handler's thread, their events would join the
     * processor's unit of work and be stored with its batch, several trajectories in one commit.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "follow-up-links");
        thread.setDaemon(true);
        return thread;
    });

    public FollowUpLinks(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(TrajectoryStarted started, @MetaDataValue(FOLLOW_UP_OF) String followUpOf) {
        if (followUpOf == null || started.predecessorId() == null
                || !started.predecessorId().value().equals(followUpOf)) {
            return;
        }
        StartFollowUpTrajectory link = new StartFollowUpTrajectory(started.predecessorId(), started.trajectoryId(),
                started.title(), started.actor(), started.occurredAt());
        try {
            CompletableFuture.runAsync(() -> commands.sendAndWait(link), sender).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DomainException || e.getCause() instanceof AggregateNotFoundException) {
                log.warn("The follow-up {} of {} cannot be linked: {}", started.trajectoryId(),
                        started.predecessorId(), e.getCause().getMessage());
                return;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
