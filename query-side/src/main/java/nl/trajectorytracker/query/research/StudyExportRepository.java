package nl.trajectorytracker.query.research;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface StudyExportRepository extends MongoRepository<StudyExport, String> {

    List<StudyExport> findByStudyIdOrderByAtAsc(String studyId);
}
