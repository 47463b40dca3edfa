package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/** A stored summary is read field by field as it was written, whatever numeric type holds a number. */
class ResearchTrajectoryDecoderTest {

    @Test
    void everyField_isRead_andTheSealedStartAndUnknownFieldsAreNot() {
        Document stored = new Document("_id", "T-key").append("version", 12L).append("start", "sealed")
                .append("startYear", 2026).append("startQuarter", 2L).append("playbookVersion", "2025.1")
                .append("predecessor", null).append("size", "11-25").append("_class", "ResearchTrajectory")
                .append("parties", List.of(new Document("organisation", "O-1").append("type", "INSURER"),
                        new Document("organisation", "O-2").append("type", null)))
                .append("phases", List.of(new Document("phase", "INTERNAL_PREPARATION").append("day", 0)
                        .append("sequence", -1L), new Document("phase", "CO_DESIGN").append("day", 12.0)
                        .append("sequence", new Decimal128(7))))
                .append("concludedDay", 40).append("outcome", "AGREED").append("contractModel", null)
                .append("contractDurationMonths", 24L)
                .append("goalDimensions", Arrays.asList("HEALTH", null))
                .append("trust", List.of(new Document("phase", "CO_DESIGN").append("person", 4)
                        .append("organisation", 3L).append("sequence", 9)))
                .append("lessons", List.of(new Document("kind", "PITFALL").append("phase", "CO_DESIGN")
                        .append("tag", "K-1").append("sealedTag", "s").append("organisation", "O-1")
                        .append("extra", new Document("ignored", true))))
                .append("steps", List.of(new Document("anything", 1)));

        ResearchTrajectory read = decode(stored);

        assertThat(read.id).isEqualTo("T-key");
        assertThat(read.version).isEqualTo(12L);
        assertThat(read.start).isNull();
        assertThat(read.startYear).isEqualTo(2026);
        assertThat(read.startQuarter).isEqualTo(2);
        assertThat(read.playbookVersion).isEqualTo("2025.1");
        assertThat(read.predecessor).isNull();
        assertThat(read.size).isEqualTo("11-25");
        assertThat(read.parties).containsExactly(new PartyRef("O-1", "INSURER"), new PartyRef("O-2", null));
        assertThat(read.phases).containsExactly(new PhaseEntry("INTERNAL_PREPARATION", 0, -1),
                new PhaseEntry("CO_DESIGN", 12, 7));
        assertThat(read.concludedDay).isEqualTo(40L);
        assertThat(read.outcome).isEqualTo("AGREED");
        assertThat(read.contractModel).isNull();
        assertThat(read.contractDurationMonths).isEqualTo(24);
        assertThat(read.goalDimensions).containsExactly("HEALTH", null);
        assertThat(read.trust).containsExactly(new TrustPoint("CO_DESIGN", 4, 3, 9));
        assertThat(read.lessons).containsExactly(new LessonPoint("PITFALL", "CO_DESIGN", "K-1", "s", "O-1"));
        assertThat(read.steps).isEmpty();
    }

    @Test
    void missingFields_keepTheirDefaults() {
        ResearchTrajectory read = decode(new Document("_id", "T-key"));

        assertThat(read.id).isEqualTo("T-key");
        assertThat(read.version).isZero();
        assertThat(read.concludedDay).isNull();
        assertThat(read.contractDurationMonths).isNull();
        assertThat(read.parties).isEmpty();
        assertThat(read.phases).isEmpty();
    }

    private static ResearchTrajectory decode(Document stored) {
        RawBsonDocument raw = new RawBsonDocument(stored, new DocumentCodec());
        try (BsonBinaryReader reader = new BsonBinaryReader(raw.getByteBuffer().asNIO())) {
            return new ResearchTrajectoryDecoder().decode(reader, DecoderContext.builder().build());
        }
    }
}
