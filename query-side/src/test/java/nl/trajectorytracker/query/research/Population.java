package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import nl.trajectorytracker.query.research.ResearchTrajectory.LessonPoint;
import nl.trajectorytracker.query.research.ResearchTrajectory.PartyRef;
import nl.trajectorytracker.query.research.ResearchTrajectory.PhaseEntry;
import nl.trajectorytracker.query.research.ResearchTrajectory.TrustPoint;

/** Research summaries built directly, as the projection would store them, for tests of what is released. */
final class Population {

    final ResearchKeys keys = new ResearchKeys(ResearchKeys.randomKey());
    final List<ResearchTrajectory> trajectories = new ArrayList<>();

    /** A trajectory in the preparation phase, started in the quarter of the year, between these organisations. */
    ResearchTrajectory add(String name, int year, int quarter, String... typesAndOrganisations) {
        ResearchTrajectory trajectory = new ResearchTrajectory(keys.key("trajectory", name));
        trajectory.start = keys.sealDeterministic("start/" + trajectory.id, year + "-01-01T00:00:00Z");
        trajectory.startYear = year;
        trajectory.startQuarter = quarter;
        trajectory.playbookVersion = "2025.1";
        trajectory.size = "1-10";
        for (int i = 0; i + 1 < typesAndOrganisations.length; i += 2) {
            String organisation = keys.key("organisation", typesAndOrganisations[i + 1]);
            trajectory.parties.add(new PartyRef(organisation, typesAndOrganisations[i]));
            trajectory.recorders.add(organisation); // every party took steps
        }
        trajectory.phases.add(new PhaseEntry("INTERNAL_PREPARATION", 0, -1));
        trajectories.add(trajectory);
        return trajectory;
    }

    /** Makes the trajectory one that only this organisation recorded steps of. */
    void recordedOnlyBy(ResearchTrajectory trajectory, String organisation) {
        trajectory.recorders.clear();
        trajectory.recorders.add(keys.key("organisation", organisation));
    }

    static void trust(ResearchTrajectory trajectory, String phase, int person, int organisation) {
        trajectory.trust.add(new TrustPoint(phase, person, organisation, trajectory.trust.size() + 1));
    }

    void lesson(ResearchTrajectory trajectory, String kind, String phase, String tag, String recordedBy) {
        String key = keys.key("tag", tag);
        trajectory.lessons.add(new LessonPoint(kind, phase, key, keys.sealDeterministic("tag/" + key, tag),
                keys.key("organisation", recordedBy)));
    }

    Study study(String id, int k) {
        String secret = Base64.getEncoder().encodeToString(ResearchKeys.randomKey());
        return new Study(id, "Study", "Purpose", k, List.of(), List.of(), keys.seal(Study.boundContext(id, k, List.of(), List.of()), secret),
                java.time.Instant.parse("2025-01-01T00:00:00Z"), "admin");
    }
}
