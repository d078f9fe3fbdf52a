package dev.omnibus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes results to standard output: aligned tables for people (the default), or JSON for scripts
 * ({@code --output json}). Commands hand over ordered maps; tables show chosen columns, JSON shows every field.
 * Durations are {@code unlimited} or ISO-8601, times ISO-8601.
 */
final class Output {
    /** The two output formats. */
    enum Format { TABLE, JSON }

    /** A table column: the field it shows and its heading. */
    record Column(String key, String heading, int maxWidth) {
        static Column of(String key, String heading) {
            return new Column(key, heading, 0);
        }

        static Column wrapped(String key, String heading, int maxWidth) {
            return new Column(key, heading, maxWidth);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Format format;
    private final PrintWriter out;

    Output(Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    boolean isJson() {
        return format == Format.JSON;
    }

    /** A list: a table of the columns, or a JSON array of whole objects. */
    void list(List<Map<String, Object>> rows, List<Column> columns) {
        if (isJson()) {
            json(rows);
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::heading).toList());
        for (Map<String, Object> row : rows) {
            cells.add(columns.stream().map(c -> clip(text(row.get(c.key())), c.maxWidth())).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(i == widths.length - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    /** One object: {@code field  value} lines, or a JSON object. */
    void object(Map<String, Object> fields) {
        if (isJson()) {
            json(fields);
            return;
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        fields.forEach((key, value) -> out.println(pad(key, width) + text(value)));
        out.flush();
    }

    /** The outcome of an action: one human line, or the JSON object. */
    void done(Map<String, Object> result, String line) {
        if (isJson()) {
            json(result);
        } else {
            out.println(line);
            out.flush();
        }
    }

    private void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(plain(value)));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Values JSON understands: strings, numbers, booleans, lists and maps. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Output::plain).toList();
        }
        if (value instanceof Duration d) {
            return Durations.iso(d);
        }
        if (value instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Enum<?> || value instanceof Character) {
            return value.toString();
        }
        return value;
    }

    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withNano(t.getNano() / 1_000_000 * 1_000_000));
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "-" : map.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }

    /** One line, at most {@code max} characters (0: any). */
    private static String clip(String text, int max) {
        String line = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ");
        return max > 0 && line.length() > max ? line.substring(0, max - 3) + "..." : line;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
