package nl.trajectorytracker.query.trajectoryoverview;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface TrajectorySummaryRepository extends MongoRepository<TrajectorySummary, String> {
}
