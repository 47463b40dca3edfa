package nl.trajectorytracker.query.research;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import nl.trajectorytracker.api.events.TrajectoryEvent;
import nl.trajectorytracker.api.values.Actor;
import nl.trajectorytracker.api.values.Milestone;
import nl.trajectorytracker.api.values.Party;
import nl.trajectorytracker.api.values.Signatory;
import nl.trajectorytracker.api.values.TrajectoryId;
import nl.trajectorytracker.api.values.TrustScore;
import nl.trajectorytracker.query.research.ResearchTrajectory.StepField;

/**
 * Turns an event into the structured values research may see, by walking its record components. Free text (any
 * string except a few coded ones) is never kept; names of signatories and milestones are dropped, only their count
 * and organisations remain.
 */
final class StepFields {

    static final String CATEGORY = "CATEGORY";
    static final String NUMBER = "NUMBER";
    static final String DATE = "DATE";
    static final String TRAJECTORY = "TRAJECTORY";
    static final String ORGANISATION = "ORGANISATION";

    /** Strings that are codes chosen from a closed or short list, not free text. */
    static final Set<String> CODED_STRINGS = Set.of("tag", "guidingQuestionId", "playbookVersion");

    private static final Set<String> SKIPPED = Set.of("trajectoryId", "actor", "occurredAt");

    private StepFields() {
    }

    static List<StepField> of(TrajectoryEvent event) {
        List<StepField> fields = new ArrayList<>();
        if (event instanceof Record record) {
            walk("", record, fields, true);
        }
        return fields;
    }

    private static void walk(String prefix, Record record, List<StepField> fields, boolean top) {
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

    private static void add(String name, String simpleName, Object value, List<StepField> fields) {
        if (value == null || value instanceof Actor) {
            return;
        }
        if (value instanceof Enum<?> constant) {
            fields.add(new StepField(name, CATEGORY, constant.name(), null));
        } else if (value instanceof Boolean flag) {
            fields.add(new StepField(name, CATEGORY, flag.toString(), null));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            fields.add(new StepField(name, NUMBER, null, ((Number) value).longValue()));
        } else if (value instanceof TrustScore score) {
            fields.add(new StepField(name, NUMBER, null, (long) score.value()));
        } else if (value instanceof LocalDate date) {
            fields.add(new StepField(name, DATE, date.toString(), null));
        } else if (value instanceof TrajectoryId id) {
            fields.add(new StepField(name, TRAJECTORY, id.value(), null));
        } else if (value instanceof String text) {
            if (CODED_STRINGS.contains(simpleName)) {
                fields.add(new StepField(name, CATEGORY, text, null));
            }
        } else if (value instanceof Party party) {
            fields.add(new StepField(name + ".organisation", ORGANISATION, party.organisationName(), null));
            fields.add(new StepField(name + ".type", CATEGORY, party.type().name(), null));
        } else if (value instanceof Signatory signatory) {
            fields.add(new StepField(name + ".organisation", ORGANISATION, signatory.organisation(), null));
        } else if (value instanceof Milestone milestone) {
            fields.add(new StepField(name + ".due", DATE, milestone.due().toString(), null));
        } else if (value instanceof Collection<?> values) {
            fields.add(new StepField(name + ".count", NUMBER, null, (long) values.size()));
            for (Object element : values) {
                if (!(element instanceof String)) {
                    add(name, simpleName, element, fields);
                }
            }
        } else if (value instanceof Record nested) {
            walk(name + ".", nested, fields, false);
        }
    }
}
