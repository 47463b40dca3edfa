package nl.trajectorytracker.query.research;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.query.research.ResearchResult.Suppression;

/** How a research result is written: one JSON document, CSV with a header, or JSON Lines (one row a line). */
enum ResearchFormat {
    JSON("application/json"),
    CSV("text/csv"),
    JSONL("application/jsonl");

    private final String mediaType;

    ResearchFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType + ";charset=UTF-8";
    }

    /** The {@code format} parameter wins; otherwise the Accept header decides; JSON by default. */
    static ResearchFormat choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                case "jsonl", "ndjson" -> JSONL;
                default -> throw new InvalidValueException("format", "must be json, csv or jsonl");
            };
        }
        String accepted = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (accepted.contains("text/csv")) {
            return CSV;
        }
        if (accepted.contains("jsonl") || accepted.contains("ndjson") || accepted.contains("json-lines")
                || accepted.contains("jsonlines")) {
            return JSONL;
        }
        return JSON;
    }

    String write(String studyId, ResearchResult result) {
        return switch (this) {
            case JSON -> json(document(studyId, result));
            case JSONL -> jsonLines(result);
            case CSV -> csv(result);
        };
    }

    private static Map<String, Object> document(String studyId, ResearchResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("study", studyId);
        document.put("view", result.view());
        document.put("k", result.k());
        document.put("filter", result.filter());
        document.put("trajectories", result.trajectories());
        document.put("rows", result.rows());
        document.put("suppressed", suppressions(result.suppressed()));
        if (!result.anonymisation().isEmpty()) {
            document.put("anonymisation", result.anonymisation());
        }
        return document;
    }

    private static List<Map<String, Object>> suppressions(List<Suppression> suppressed) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Suppression suppression : suppressed) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("suppressed", suppression.cell());
            entry.put("reason", suppression.reason());
            list.add(entry);
        }
        return list;
    }

    private static String jsonLines(ResearchResult result) {
        StringBuilder out = new StringBuilder();
        result.rows().forEach(row -> out.append(json(row)).append('\n'));
        suppressions(result.suppressed()).forEach(entry -> out.append(json(entry)).append('\n'));
        if (!result.anonymisation().isEmpty()) {
            out.append(json(Map.of("anonymisation", result.anonymisation()))).append('\n');
        }
        return out.toString();
    }

    /**
     * One line per row; held-back cells follow as lines with only {@code suppressed} and {@code reason}, and what was
     * generalised as a line with only {@code anonymisation}.
     */
    private static String csv(ResearchResult result) {
        Set<String> columns = new LinkedHashSet<>();
        result.csvRows().forEach(row -> columns.addAll(row.keySet()));
        if (!result.suppressed().isEmpty()) {
            columns.add("suppressed");
            columns.add("reason");
        }
        if (!result.anonymisation().isEmpty()) {
            columns.add("anonymisation");
        }
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(ResearchFormat::cell).toList())).append("\r\n");
        List<Map<String, Object>> lines = new ArrayList<>(result.csvRows());
        lines.addAll(suppressions(result.suppressed()));
        if (!result.anonymisation().isEmpty()) {
            lines.add(Map.of("anonymisation", result.anonymisation()));
        }
        for (Map<String, Object> row : lines) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                Object value = row.get(column);
                cells.add(value == null ? "" : cell(value instanceof Map || value instanceof List ? json(value)
                        : String.valueOf(value)));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        writeJson(value, out);
        return out.toString();
    }

    private static void writeJson(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                writeJson(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeJson(element, out);
            }
            out.append(']');
        } else if (value instanceof Double number) {
            out.append(number.isNaN() || number.isInfinite() ? "null" : number.toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
