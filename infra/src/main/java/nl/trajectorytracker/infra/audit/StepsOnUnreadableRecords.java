package nl.trajectorytracker.infra.audit;

import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializationException;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.api.commands.TrajectoryCommand;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.DomainException;
import nl.trajectorytracker.api.values.ErrorCode;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.query.readmodel.DatabaseFailures;

/**
 * A step on a trajectory whose stored events cannot be read (changed outside the service): the trajectory cannot be
 * loaded to decide the step, which answered 500. It answers as the reads of such a trajectory do: a party's
 * negotiator (or an actor of no organisation) learns that the record cannot be read ({@code 409}, its verification
 * and history show what is stored); anyone else learns nothing more than of a missing trajectory ({@code 404}), and
 * so does everyone when the start itself, which names the parties, cannot be read. Axon's Spring configuration
 * puts every command handler interceptor bean on the command bus.
 */
@Component
public class StepsOnUnreadableRecords implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final AuditTrail audit;

    public StepsOnUnreadableRecords(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (RuntimeException e) {
            if (!(unitOfWork.getMessage().getPayload() instanceof TrajectoryCommand command) || !unreadable(e)) {
                throw e;
            }
            String id = command.trajectoryId().value();
            List<Party> parties = audit.parties(id).orElse(List.of());
            Actor actor = command.actor();
            boolean party = actor != null && (actor.organisation() == null && !parties.isEmpty()
                    || parties.stream().anyMatch(p -> p.organisationName().equals(actor.organisation())));
            if (!party) {
                throw new DomainException(ErrorCode.TRAJECTORY_NOT_FOUND, "No trajectory with id " + id);
            }
            throw new DomainException(ErrorCode.RECORD_UNREADABLE, "The stored record of trajectory " + id
                    + " cannot be read as events (it was changed outside the service), so no step can be decided on"
                    + " it; its verification and its history show what is stored");
        }
    }

    /** A stored event or snapshot that does not deserialize, not the database out of reach. */
    private static boolean unreadable(Throwable failure) {
        if (DatabaseFailures.causedBy(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }
}
