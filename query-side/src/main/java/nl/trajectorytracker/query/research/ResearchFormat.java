package nl.trajectorytracker.query.research;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import nl.trajectorytracker.api.values.InvalidValueException;
import nl.trajectorytracker.query.research.ResearchResult.Suppression;

/** How a research result is written: one JSON document, CSV with a header, or JSON Lines (one row a line). */
enum ResearchFormat {
    JSON("application/json"),
    CSV("text/csv"),
    JSONL("application/jsonl");

    /** Released values are maps, lists, strings, numbers, booleans and nulls; a non-finite number is null. */
    private static final ObjectMapper JSON_WRITER = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Double.class, new StdSerializer<>(Double.class) {
                @Override
                public void serialize(Double number, JsonGenerator out, SerializerProvider provider)
                        throws IOException {
                    if (number.isNaN() || number.isInfinite()) {
                        out.writeNull();
                    } else {
                        out.writeNumber(number);
                    }
                }
            }));

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
            out.append(csvLine(columns, row));
        }
        return out.toString();
    }

    /** A row's cells in the order of the columns (a list or a map as its JSON), ended by CRLF. */
    private static String csvLine(Collection<String> columns, Map<String, Object> row) {
        List<String> cells = new ArrayList<>();
        for (String column : columns) {
            Object value = row.get(column);
            cells.add(value == null ? "" : cell(value instanceof Map || value instanceof List ? json(value)
                    : String.valueOf(value)));
        }
        return String.join(",", cells) + "\r\n";
    }

    /**
     * Writes a release row by row as its rows are made, for a release too large to hold: the header (everything but
     * the rows) is known before the first row. CSV has the given columns.
     */
    RowWriter open(java.io.Writer out, String studyId, ResearchResult header, List<String> csvColumns) {
        return new RowWriter(this, out, studyId, header, csvColumns);
    }

    /** Writes one release row by row; {@link #close} writes what follows the rows. */
    static final class RowWriter {

        private final ResearchFormat format;
        private final java.io.Writer out;
        private final ResearchResult header;
        private final List<String> columns = new ArrayList<>();
        private int rows;

        private RowWriter(ResearchFormat format, java.io.Writer out, String studyId, ResearchResult header,
                List<String> csvColumns) {
            this.format = format;
            this.out = out;
            this.header = header;
            try {
                if (format == JSON) {
                    String document = json(document(studyId, header));
                    // the document with an empty row list, opened where its rows go
                    out.write(document.substring(0, document.indexOf("\"rows\":[") + "\"rows\":[".length()));
                } else if (format == CSV) {
                    columns.addAll(csvColumns);
                    if (!header.suppressed().isEmpty()) {
                        columns.add("suppressed");
                        columns.add("reason");
                    }
                    if (!header.anonymisation().isEmpty()) {
                        columns.add("anonymisation");
                    }
                    out.write(String.join(",", columns.stream().map(ResearchFormat::cell).toList()));
                    out.write("\r\n");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** A row (JSON and JSON Lines). */
        void row(Map<String, Object> row) {
            if (format == CSV) {
                return;
            }
            write((format == JSON && rows > 0 ? "," : "") + json(row) + (format == JSONL ? "\n" : ""));
            rows++;
        }

        /** A flat row (CSV). */
        void csvRow(Map<String, Object> row) {
            if (format != CSV) {
                return;
            }
            write(csvLine(columns, row));
            rows++;
        }

        int rows() {
            return rows;
        }

        /** Writes what follows the rows. */
        void close() {
            List<Map<String, Object>> trailer = new ArrayList<>(suppressions(header.suppressed()));
            if (!header.anonymisation().isEmpty()) {
                trailer.add(Map.of("anonymisation", header.anonymisation()));
            }
            switch (format) {
                case JSON -> {
                    String document = json(document("", header));
                    write(document.substring(document.indexOf("\"rows\":[") + "\"rows\":[".length()));
                }
                case JSONL -> trailer.forEach(line -> write(json(line) + "\n"));
                case CSV -> trailer.forEach(line -> write(csvLine(columns, line)));
            }
            try {
                out.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void write(String text) {
            try {
                out.write(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String cell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** The JSON text of a released value; a statistic that is not a finite number (a mean of nothing) is null. */
    static String json(Object value) {
        try {
            return JSON_WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A research result could not be written as JSON", e);
        }
    }
}
