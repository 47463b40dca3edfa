package nl.trajectorytracker.query.research;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface StudyRepository extends MongoRepository<Study, String> {
}
