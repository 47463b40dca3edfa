package nl.trajectorytracker.query.research;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.api.values.PartyType;

/**
 * Which trajectories a research view describes: by party type, start year and playbook version (each optional). An
 * aggregate's filter selects whole {@linkplain FilterClasses groups}; a histories filter selects released records by
 * their released values.
 */
record ResearchFilter(PartyType partyType, Integer year, String playbookVersion) {

    static ResearchFilter of(String partyType, Integer year, String playbookVersion) {
        PartyType type = null;
        if (partyType != null && !partyType.isBlank()) {
            try {
                type = PartyType.valueOf(partyType.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("partyType", "is not a party type");
            }
        }
        if (year != null && (year < 1900 || year > 3000)) {
            throw new InvalidValueException("year", "is not a plausible year");
        }
        if (playbookVersion != null && (playbookVersion.isBlank() || playbookVersion.length() > 20)) {
            throw new InvalidValueException("playbookVersion", "is not a playbook version");
        }
        return new ResearchFilter(type, year, playbookVersion);
    }

    boolean isEmpty() {
        return partyType == null && year == null && playbookVersion == null;
    }

    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (partyType != null) {
            map.put("partyType", partyType.name());
        }
        if (year != null) {
            map.put("year", year.toString());
        }
        if (playbookVersion != null) {
            map.put("playbookVersion", playbookVersion);
        }
        return map;
    }
}
