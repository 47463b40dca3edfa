package nl.trajectorytracker.query.research;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The research summaries of every trajectory, read once and shared by every release until the research read model
 * changes. The projection tells of a change after its batch's writes are committed, so a snapshot read after that
 * sees them; a snapshot taken while a batch was being written is kept only for the generation it was read under.
 * The summaries are shared between releases and never changed by them.
 */
@Component
public class ResearchPopulation {

    private static final String NOTIFIED = ResearchPopulation.class.getName() + ".notified";

    /** The summaries as of one generation of the read model. */
    record Snapshot(long generation, List<ResearchTrajectory> trajectories) {
    }

    private final ResearchTrajectoryRepository repository;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    public ResearchPopulation(ResearchTrajectoryRepository repository) {
        this.repository = repository;
    }

    /** The summaries as the read model holds them now; one reader reads them, the others wait for it. */
    Snapshot snapshot() {
        Snapshot cached = current.get();
        if (cached != null && cached.generation() == generation.get()) {
            return cached;
        }
        synchronized (this) {
            return read();
        }
    }

    private Snapshot read() {
        long now = generation.get();
        Snapshot cached = current.get();
        if (cached != null && cached.generation() == now) {
            return cached;
        }
        Snapshot read = new Snapshot(now, List.copyOf(repository.findAll()));
        current.accumulateAndGet(read, (old, fresh) -> old != null && old.generation() > fresh.generation() ? old
                : fresh);
        return read;
    }

    /** The read model changes: once the current unit of work has committed, or now when there is none. */
    void changing() {
        if (!CurrentUnitOfWork.isStarted()) {
            generation.incrementAndGet();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.resources().putIfAbsent(NOTIFIED, Boolean.TRUE) == null) {
            root.afterCommit(unitOfWork -> generation.incrementAndGet());
            root.onRollback(unitOfWork -> generation.incrementAndGet());
        }
    }
}
