package dev.barfill.bench;

import java.util.List;
import java.util.Locale;

/** Renders rows as one Markdown table, the form docs/BENCHMARKS.md keeps. */
public final class Report {
    private Report() {
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| scenario | metric | value | unit | note |\n| --- | --- | ---: | --- | --- |\n");
        for (Row r : rows) {
            out.append("| ").append(r.scenario()).append(" | ").append(r.metric()).append(" | ")
                    .append(format(r.value())).append(" | ").append(r.unit()).append(" | ")
                    .append(r.note() == null ? "" : r.note()).append(" |\n");
        }
        return out.toString();
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
