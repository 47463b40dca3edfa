package nl.trajectorytracker.infra.security.research;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.trajectorytracker.infra.eventstore.DurabilityBarrier;
import nl.trajectorytracker.query.research.ReleasedSets;

/**
 * What a study has released is what its overlap control compares new releases with: once a release's sets are
 * written they are made to survive a crash before the release is answered, as the study's records are.
 */
@Component
class DurableReleases {

    private final DurabilityBarrier durability;

    DurableReleases(DurabilityBarrier durability) {
        this.durability = durability;
    }

    @EventListener
    void on(ReleasedSets.Remembered remembered) {
        durability.awaitDurable();
    }
}
