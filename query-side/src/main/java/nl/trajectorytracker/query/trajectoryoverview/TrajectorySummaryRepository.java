package nl.trajectorytracker.query.trajectoryoverview;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface TrajectorySummaryRepository extends MongoRepository<TrajectorySummary, String> {

    /** The trajectories in which the organisation is a party. */
    Page<TrajectorySummary> findByPartiesOrganisationName(String organisationName, Pageable pageable);
}
