package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.codecs.Decoder;
import org.bson.codecs.DecoderContext;

import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/**
 * A stored research summary read straight from its BSON, for the population, which reads every summary after a
 * restart or a rebuild: without a {@code Document} per summary and per list item in between. Fields are read as
 * Spring Data wrote them (a number in any numeric type, a missing or null field as absent); the sealed start and
 * any field it does not know are skipped.
 */
final class ResearchTrajectoryDecoder implements Decoder<ResearchTrajectory> {

    @Override
    public ResearchTrajectory decode(BsonReader reader, DecoderContext context) {
        ResearchTrajectory trajectory = new ResearchTrajectory();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            if (reader.getCurrentBsonType() == BsonType.NULL) {
                reader.readNull();
                continue;
            }
            switch (name) {
                case "_id" -> trajectory.id = text(reader);
                case "version" -> trajectory.version = number(reader);
                case "startYear" -> trajectory.startYear = (int) number(reader);
                case "startQuarter" -> trajectory.startQuarter = (int) number(reader);
                case "playbookVersion" -> trajectory.playbookVersion = text(reader);
                case "predecessor" -> trajectory.predecessor = text(reader);
                case "size" -> trajectory.size = text(reader);
                case "parties" -> documents(reader, fields -> trajectory.parties.add(
                        new PartyRef(fields.text("organisation"), fields.text("type"))));
                case "phases" -> documents(reader, fields -> trajectory.phases.add(
                        new PhaseEntry(fields.text("phase"), fields.number("day"), fields.number("sequence"))));
                case "concludedDay" -> trajectory.concludedDay = number(reader);
                case "outcome" -> trajectory.outcome = text(reader);
                case "contractModel" -> trajectory.contractModel = text(reader);
                case "contractDurationMonths" -> trajectory.contractDurationMonths = (int) number(reader);
                case "goalDimensions" -> texts(reader, trajectory.goalDimensions);
                case "recorders" -> texts(reader, trajectory.recorders);
                case "trust" -> documents(reader, fields -> trajectory.trust.add(new TrustPoint(fields.text("phase"),
                        (int) fields.number("person"), (int) fields.number("organisation"),
                        fields.number("sequence"))));
                case "lessons" -> documents(reader, fields -> trajectory.lessons.add(new LessonPoint(
                        fields.text("kind"), fields.text("phase"), fields.text("tag"), fields.text("sealedTag"),
                        fields.text("organisation"))));
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return trajectory;
    }

    private static String text(BsonReader reader) {
        return reader.getCurrentBsonType() == BsonType.OBJECT_ID ? reader.readObjectId().toHexString()
                : reader.readString();
    }

    private static long number(BsonReader reader) {
        return switch (reader.getCurrentBsonType()) {
            case INT32 -> reader.readInt32();
            case INT64 -> reader.readInt64();
            case DOUBLE -> (long) reader.readDouble();
            case DECIMAL128 -> reader.readDecimal128().longValue();
            default -> throw new IllegalStateException("Not a number: " + reader.getCurrentBsonType());
        };
    }

    /** Each item of an array of texts, null as null. */
    private static void texts(BsonReader reader, List<String> into) {
        reader.readStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            if (reader.getCurrentBsonType() == BsonType.NULL) {
                reader.readNull();
                into.add(null);
            } else {
                into.add(text(reader));
            }
        }
        reader.readEndArray();
    }

    /** Each item of an array of flat documents, as the values of its text and number fields. */
    private static void documents(BsonReader reader, Consumer<Fields> item) {
        reader.readStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            Fields fields = new Fields();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String name = reader.readName();
                switch (reader.getCurrentBsonType()) {
                    case NULL -> reader.readNull();
                    case STRING, OBJECT_ID -> fields.put(name, text(reader));
                    case INT32, INT64, DOUBLE, DECIMAL128 -> fields.put(name, number(reader));
                    default -> reader.skipValue();
                }
            }
            reader.readEndDocument();
            item.accept(fields);
        }
        reader.readEndArray();
    }

    /** The fields of one list item: few, so a list of names beats a map. */
    private static final class Fields {

        private final List<Object> namesAndValues = new ArrayList<>(10);

        void put(String name, Object value) {
            namesAndValues.add(name);
            namesAndValues.add(value);
        }

        String text(String name) {
            Object value = get(name);
            return value == null ? null : value.toString();
        }

        long number(String name) {
            Object value = get(name);
            return value instanceof Long number ? number : 0L;
        }

        private Object get(String name) {
            for (int i = 0; i < namesAndValues.size(); i += 2) {
                if (namesAndValues.get(i).equals(name)) {
                    return namesAndValues.get(i + 1);
                }
            }
            return null;
        }
    }
}
