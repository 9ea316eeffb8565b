package io.shopstreams.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one benchmark run, each next to the baseline it is measured against in the same run. */
final class BenchReport {
    /** One line of the table; {@code baseline} and {@code ratio} are NaN where a figure has no baseline. */
    record Row(String what, double figure, String unit, String baselineName, double baseline) {
        double ratio() {
            return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : figure / baseline;
        }
    }

    private final Map<String, Object> setup = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    void setup(String key, Object value) {
        setup.put(key, value);
    }

    void row(String what, double figure, String unit) {
        rows.add(new Row(what, figure, unit, "", Double.NaN));
    }

    void row(String what, double figure, String unit, String baselineName, double baseline) {
        rows.add(new Row(what, figure, unit, baselineName, baseline));
    }

    List<Row> rows() {
        return rows;
    }

    Map<String, Object> setup() {
        return setup;
    }

    String toMarkdown() {
        StringBuilder text = new StringBuilder();
        setup.forEach((key, value) -> text.append("- ").append(key).append(": ").append(value).append('\n'));
        text.append("\n| what | figure | baseline | ratio |\n|---|---|---|---|\n");
        for (Row row : rows) {
            text.append("| ").append(row.what()).append(" | ").append(format(row.figure())).append(' ')
                    .append(row.unit()).append(" | ")
                    .append(row.baselineName().isEmpty() ? "" : row.baselineName() + ": " + format(row.baseline()))
                    .append(" | ").append(Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2f ×",
                            row.ratio()))
                    .append(" |\n");
        }
        return text.toString();
    }

    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("setup", setup);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("what", row.what());
            entry.put("figure", row.figure());
            entry.put("unit", row.unit());
            if (!row.baselineName().isEmpty()) {
                entry.put("baseline", row.baselineName());
                entry.put("baselineFigure", row.baseline());
                entry.put("ratio", row.ratio());
            }
            list.add(entry);
        }
        json.put("rows", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
