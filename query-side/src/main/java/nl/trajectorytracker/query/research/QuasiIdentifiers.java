package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-anonymity of the histories over what an outsider may know of a trajectory: the party-type combination, the
 * start (year and quarter), the contract model, the contract's duration and the number of steps, each banded. As ARX
 * does, one level of generalisation per quasi-identifier is chosen for the whole release (global recoding): the
 * lowest levels (fewest generalisation steps, then fewest suppressed records) under which at most a tenth of the
 * records lie in groups of fewer than {@code k}; those records are suppressed. Every released record then shares its
 * generalised quasi-identifiers with at least {@code k - 1} others.
 *
 * <p>Levels: party types exact, financiers merged ({@code INSURER}, {@code CARE_OFFICE}, {@code MUNICIPALITY} become
 * {@code FINANCIER}) or hidden; start by quarter, by year or hidden; contract model exact, only whether there is one,
 * or hidden; contract duration in bands, in two bands or hidden; number of steps in bands, in three bands or hidden.
 */
final class QuasiIdentifiers {

    static final String[] NAMES = {"partyTypes", "start", "contractModel", "contractDuration", "steps"};
    static final String[][] LEVEL_NAMES = {
        {"exact", "financiers merged", "hidden"},
        {"quarter", "year", "hidden"},
        {"exact", "whether there is one", "hidden"},
        {"bands", "two bands", "hidden"},
        {"bands", "three bands", "hidden"}};
    static final String FINANCIER = "FINANCIER";
    private static final double SUPPRESSION_LIMIT = 0.1;

    /** The chosen level of each quasi-identifier, and which records are suppressed. */
    record Generalisation(int[] levels, Map<ResearchTrajectory, Boolean> suppressed, int suppressedCount) {

        int level(int quasiIdentifier) {
            return levels[quasiIdentifier];
        }

        boolean releases(ResearchTrajectory trajectory) {
            return !suppressed.getOrDefault(trajectory, Boolean.FALSE);
        }

        /** The record's group: its quasi-identifiers as released at these levels. */
        String classOf(ResearchTrajectory record) {
            return String.join("|", String.valueOf(partyTypes(record.partyTypes(), levels[0])),
                    String.valueOf(start(record, levels[1])),
                    String.valueOf(contractModel(record.contractModel, levels[2])),
                    String.valueOf(duration(record.contractDurationMonths, levels[3])),
                    String.valueOf(size(record.size, levels[4])));
        }

        /** What the release says about its generalisation. */
        Map<String, Object> describe(int k) {
            Map<String, Object> generalised = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.length; i++) {
                generalised.put(NAMES[i], LEVEL_NAMES[i][levels[i]]);
            }
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("model", "k-anonymity over the quasi-identifiers, k=" + k);
            description.put("generalised", generalised);
            description.put("suppressedTrajectories", suppressedCount);
            return description;
        }
    }

    private QuasiIdentifiers() {
    }

    static Generalisation choose(Collection<ResearchTrajectory> records, int k) {
        List<ResearchTrajectory> list = new ArrayList<>(records);
        int[][][] codes = codes(list);
        int limit = (int) Math.floor(list.size() * SUPPRESSION_LIMIT);
        int[] best = null;
        int bestLoss = Integer.MAX_VALUE;
        int bestSuppressed = Integer.MAX_VALUE;
        int[] levels = new int[NAMES.length];
        int nodes = (int) Math.pow(3, NAMES.length);
        for (int node = 0; node < nodes; node++) {
            int rest = node;
            int loss = 0;
            for (int i = 0; i < NAMES.length; i++) {
                levels[i] = rest % 3;
                rest /= 3;
                loss += levels[i];
            }
            if (loss > bestLoss) {
                continue;
            }
            int suppressed = 0;
            for (int size : groups(codes, levels).values()) {
                if (size < k) {
                    suppressed += size;
                }
            }
            if (suppressed <= limit && (loss < bestLoss || suppressed < bestSuppressed)) {
                best = levels.clone();
                bestLoss = loss;
                bestSuppressed = suppressed;
            }
        }
        if (best == null) {
            best = new int[] {2, 2, 2, 2, 2};
        }
        Map<Long, Integer> sizes = groups(codes, best);
        Map<ResearchTrajectory, Boolean> suppressed = new HashMap<>();
        int count = 0;
        for (int r = 0; r < list.size(); r++) {
            if (sizes.get(key(codes[r], best)) < k) {
                suppressed.put(list.get(r), Boolean.TRUE);
                count++;
            }
        }
        return new Generalisation(best, suppressed, count);
    }

    /** Every record's value of every quasi-identifier at every level, as a small number (per identifier and level). */
    private static int[][][] codes(List<ResearchTrajectory> records) {
        List<List<Map<String, Integer>>> dictionaries = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            List<Map<String, Integer>> perLevel = new ArrayList<>();
            for (int level = 0; level < 3; level++) {
                perLevel.add(new HashMap<>());
            }
            dictionaries.add(perLevel);
        }
        int[][][] codes = new int[records.size()][NAMES.length][3];
        for (int r = 0; r < records.size(); r++) {
            ResearchTrajectory record = records.get(r);
            for (int level = 0; level < 3; level++) {
                String[] values = {partyTypes(record.partyTypes(), level), start(record, level),
                    contractModel(record.contractModel, level), duration(record.contractDurationMonths, level),
                    size(record.size, level)};
                for (int i = 0; i < NAMES.length; i++) {
                    Map<String, Integer> dictionary = dictionaries.get(i).get(level);
                    codes[r][i][level] = dictionary.computeIfAbsent(String.valueOf(values[i]),
                            x -> dictionary.size());
                }
            }
        }
        return codes;
    }

    private static long key(int[][] codes, int[] levels) {
        long key = 0;
        for (int i = 0; i < NAMES.length; i++) {
            key = (key << 12) | codes[i][levels[i]];
        }
        return key;
    }

    private static Map<Long, Integer> groups(int[][][] codes, int[] levels) {
        Map<Long, Integer> groups = new HashMap<>();
        for (int[][] record : codes) {
            groups.merge(key(record, levels), 1, Integer::sum);
        }
        return groups;
    }

    static String partyTypes(String combination, int level) {
        return switch (level) {
            case 0 -> combination;
            case 1 -> {
                List<String> types = new ArrayList<>();
                for (String type : combination.split(";")) {
                    types.add(partyType(type, 1));
                }
                types.sort(null);
                yield String.join(";", types);
            }
            default -> null;
        };
    }

    static String partyType(String type, int level) {
        return switch (level) {
            case 0 -> type;
            case 1 -> type.equals("INSURER") || type.equals("CARE_OFFICE") || type.equals("MUNICIPALITY") ? FINANCIER
                    : type;
            default -> null;
        };
    }

    static String start(ResearchTrajectory record, int level) {
        return switch (level) {
            case 0 -> record.startYear + "-Q" + record.startQuarter;
            case 1 -> Integer.toString(record.startYear);
            default -> null;
        };
    }

    static String contractModel(String model, int level) {
        return switch (level) {
            case 0 -> model == null ? "NONE" : model;
            case 1 -> model == null ? "NONE" : "CONTRACT";
            default -> null;
        };
    }

    static String duration(Integer months, int level) {
        if (level >= 2) {
            return null;
        }
        if (months == null) {
            return "NONE";
        }
        if (level == 1) {
            return months <= 24 ? "1-24" : "25+";
        }
        return Bands.of("durationMonths", months);
    }

    static String size(String band, int level) {
        return switch (level) {
            case 0 -> band;
            case 1 -> band == null ? null : switch (band) {
                case "1-10", "11-25" -> "1-25";
                case "26-50", "51-100" -> "26-100";
                default -> "101+";
            };
            default -> null;
        };
    }
}
