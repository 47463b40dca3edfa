package nl.trajectorytracker.query.research;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ResearchTrajectoryRepository extends MongoRepository<ResearchTrajectory, String> {
}
