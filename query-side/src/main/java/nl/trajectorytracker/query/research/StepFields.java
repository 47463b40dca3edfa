package nl.trajectorytracker.query.research;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.playbook.Playbooks;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;
import nl.trajectorytracker.query.research.ResearchTrajectory.StepField;

/**
 * Turns an event into the structured values research may see, already in the form they are released: enums and
 * booleans as they are, numbers banded ({@link Bands}), dates as days since the trajectory's start date, trajectory
 * ids and organisation names as keys, a tag as its key. Free text (any string except a guiding-question id of the
 * trajectory's playbook and the playbook version) is never kept; names of signatories and milestones are dropped,
 * only their count and organisations remain.
 */
final class StepFields {

    static final String CATEGORY = "CATEGORY";
    static final String BAND = "BAND";
    static final String DAY = "DAY";
    static final String TRAJECTORY = "TRAJECTORY";
    static final String ORGANISATION = "ORGANISATION";
    static final String TAG = "TAG";

    /** A code that is not one of the playbook's (a guiding-question id or a version): it could be any text. */
    static final String OTHER = "(other)";

    private static final Set<String> SKIPPED = Set.of("trajectoryId", "actor", "occurredAt");

    private final ResearchKeys keys;
    private final LocalDate startDate;
    private final String playbookVersion;

    StepFields(ResearchKeys keys, LocalDate startDate, String playbookVersion) {
        this.keys = keys;
        this.startDate = startDate;
        this.playbookVersion = playbookVersion;
    }

    List<StepField> of(TrajectoryEvent event) {
        List<StepField> fields = new ArrayList<>();
        if (event instanceof Record record) {
            walk("", record, fields, true);
        }
        return fields;
    }

    private void walk(String prefix, Record record, List<StepField> fields, boolean top) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (top && SKIPPED.contains(component.getName())) {
                continue;
            }
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component.getName(), e);
            }
            add(prefix + component.getName(), component.getName(), value, fields);
        }
    }

    private void add(String name, String simpleName, Object value, List<StepField> fields) {
        if (value == null || value instanceof Actor) {
            return;
        }
        if (value instanceof Enum<?> constant) {
            fields.add(new StepField(name, CATEGORY, constant.name(), null));
        } else if (value instanceof Boolean flag) {
            fields.add(new StepField(name, CATEGORY, flag.toString(), null));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            fields.add(new StepField(name, BAND, Bands.of(name, ((Number) value).longValue()), null));
        } else if (value instanceof TrustScore score) {
            fields.add(new StepField(name, BAND, Bands.of(name, score.value()), null));
        } else if (value instanceof LocalDate date) {
            fields.add(new StepField(name, DAY, null, ChronoUnit.DAYS.between(startDate, date)));
        } else if (value instanceof TrajectoryId id) {
            fields.add(new StepField(name, TRAJECTORY, keys.key("trajectory", id.value()), null));
        } else if (value instanceof String text) {
            string(name, simpleName, text, fields);
        } else if (value instanceof Party party) {
            fields.add(new StepField(name + ".organisation", ORGANISATION,
                    keys.key("organisation", party.organisationName()), null));
            fields.add(new StepField(name + ".type", CATEGORY, party.type().name(), null));
        } else if (value instanceof Signatory signatory) {
            fields.add(new StepField(name + ".organisation", ORGANISATION,
                    keys.key("organisation", signatory.organisation()), null));
        } else if (value instanceof Milestone milestone) {
            fields.add(new StepField(name + ".due", DAY, null, ChronoUnit.DAYS.between(startDate, milestone.due())));
        } else if (value instanceof Collection<?> values) {
            fields.add(new StepField(name + ".count", BAND, Bands.of(name + ".count", values.size()), null));
            for (Object element : values) {
                if (!(element instanceof String)) {
                    add(name, simpleName, element, fields);
                }
            }
        } else if (value instanceof Record nested) {
            walk(name + ".", nested, fields, false);
        }
    }

    private void string(String name, String simpleName, String text, List<StepField> fields) {
        switch (simpleName) {
            case "tag" -> fields.add(new StepField(name, TAG, keys.key("tag", normalisedTag(text)), null));
            case "playbookVersion" -> fields.add(new StepField(name, CATEGORY,
                    Playbooks.version(text).isPresent() ? text : OTHER, null));
            case "guidingQuestionId" -> fields.add(new StepField(name, CATEGORY, Playbooks.version(playbookVersion)
                    .flatMap(playbook -> playbook.question(text)).isPresent() ? text : OTHER, null));
            default -> {
                // free text: never kept
            }
        }
    }

    /** Tags compare without case and surrounding blanks; a missing tag is a tag of its own. */
    static String normalisedTag(String tag) {
        return tag == null || tag.isBlank() ? "(untagged)" : tag.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
