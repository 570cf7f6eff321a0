package dev.junction.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results page being written: markdown sections, tables, and the list of targets met or missed. */
final class Report {
    /** One target of the issue and where this run stands against it. */
    record Check(String target, String measured, String verdict) {}

    private final StringBuilder md = new StringBuilder();
    private final List<Check> checks = new ArrayList<>();

    Report heading(String text) {
        md.append("\n## ").append(text).append("\n\n");
        return this;
    }

    Report para(String text) {
        md.append(text).append("\n\n");
        return this;
    }

    Report table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
        return this;
    }

    void check(String target, String measured, Boolean met) {
        checks.add(new Check(target, measured, met == null ? "not measurable" : met ? "met" : "NOT met"));
    }

    List<Check> checks() {
        return checks;
    }

    String markdown() {
        return md.toString();
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Junction's added cost over nginx's added cost; undefined when nginx added nothing measurable. */
    static double ratio(double junctionAdded, double nginxAdded) {
        return nginxAdded > 0 ? junctionAdded / nginxAdded : Double.NaN;
    }
}
