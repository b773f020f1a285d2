package io.kroute.runtime.demo;

import io.kroute.inference.bandit.sim.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's report: one self-contained HTML file (inline SVG and CSS, no scripts, nothing fetched), with the
 * summary, the allocation of each class over time, and the cumulative regret against the scenario's best
 * provider compared with uniform random routing.
 */
public final class DemoReport {
    static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int WIDTH = 430;
    private static final int HEIGHT = 160;
    private static final int MARGIN = 40;

    private DemoReport() {
    }

    public static void write(Path file, DemoSummary summary, DemoRecord record) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html(summary, record), StandardCharsets.UTF_8);
    }

    static String html(DemoSummary summary, DemoRecord record) {
        Scenario scenario = record.scenario();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>kroute demo report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}")
                .append("h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}pre{background:#f6f6f6;padding:1em}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd;padding:6px}")
                .append(".legend span{display:inline-block;margin-right:1.2em}.swatch{display:inline-block;width:12px;")
                .append("height:12px;margin-right:4px;vertical-align:middle}text{font-size:11px;fill:#444}")
                .append("</style></head><body>\n");
        html.append("<h1>kroute demo: ").append(escape(summary.scenario())).append("</h1>\n<p>")
                .append(escape(scenario.description())).append("</p>\n<pre>");
        summary.lines().forEach(line -> html.append(escape(line)).append('\n'));
        html.append("</pre>\n<div class=\"legend\">");
        for (int p = 0; p < scenario.providers().size(); p++) {
            html.append("<span><span class=\"swatch\" style=\"background:").append(color(p)).append("\"></span>")
                    .append(escape(scenario.providers().get(p).name())).append("</span>");
        }
        html.append("<span>dashed line: ").append(changeText(scenario)).append("</span></div>\n");

        html.append("<h2>Allocation per class over time (share of decisions per provider)</h2>\n<div class=\"grid\">\n");
        TreeMap<Long, Map<String, long[]>> bySecond = record.allocationBySecond();
        long lastSecond = bySecond.isEmpty() ? 1 : bySecond.lastKey() + 1;
        long bin = Math.max(1, lastSecond / 30);
        for (String label : record.busiestClasses()) {
            html.append("<div class=\"chart\">").append(allocationChart(label, bySecond, bin, lastSecond,
                    record.changeSeconds(), scenario.providers().size())).append("</div>\n");
        }
        html.append("</div>\n<h2>Routing rules at work</h2>\n<p>The demo's provider catalog gives edge a 256-token "
                + "window (64 of them reserved for the answer), keeps the tenant demo-eu on the EU-hosted providers "
                + "(mistral, edge) and keeps summaries away from mistral; each decision names the providers the rules "
                + "excluded and, best first, the eligible ones to fall back to. A worker whose call fails calls the "
                + "first fallback and reports both outcomes.</p>\n<pre>");
        summary.routing().lines().forEach(line -> html.append(escape(line.strip())).append('\n'));
        html.append("</pre>\n<h2>Cumulative regret against the best eligible provider</h2>\n")
                .append("<div class=\"chart\" style=\"display:inline-block\">")
                .append(regretChart(record.regretPoints(), record.changeSeconds().keySet())).append("</div>\n")
                .append("<p>Regret of a decision: the expected reward of the best provider the rules allowed for the "
                        + "prompt, for its class at that moment, minus the expected reward of the provider chosen. "
                        + "Grey: uniform random routing among the same providers.</p>\n</body></html>\n");
        return html.toString();
    }

    private static String allocationChart(String label, TreeMap<Long, Map<String, long[]>> bySecond, long bin,
            long lastSecond, Map<Long, Long> changes, int providers) {
        List<double[]> shares = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (long start = 0; start < lastSecond; start += bin) {
            long[] counts = new long[providers];
            for (Map<String, long[]> byClass : bySecond.subMap(start, start + bin).values()) {
                long[] classCounts = byClass.get(label);
                if (classCounts != null) {
                    for (int p = 0; p < providers; p++) {
                        counts[p] += classCounts[p];
                    }
                }
            }
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            if (total == 0) {
                continue;
            }
            double[] share = new double[providers];
            for (int p = 0; p < providers; p++) {
                share[p] = (double) counts[p] / total;
            }
            shares.add(share);
            starts.add(start);
        }
        StringBuilder svg = svgStart(escape(label));
        double plotWidth = WIDTH - 2 * MARGIN;
        double plotHeight = HEIGHT - 2 * MARGIN;
        if (shares.size() >= 1) {
            double[] lower = new double[shares.size()];
            for (int p = 0; p < providers; p++) {
                StringBuilder top = new StringBuilder();
                StringBuilder bottom = new StringBuilder();
                // One flat step per time bin: the chart shows exactly the shares measured in that bin.
                for (int i = 0; i < shares.size(); i++) {
                    double x0 = MARGIN + plotWidth * starts.get(i) / lastSecond;
                    double x1 = MARGIN + plotWidth * Math.min(starts.get(i) + bin, lastSecond) / lastSecond;
                    double upper = lower[i] + shares.get(i)[p];
                    double yTop = MARGIN + plotHeight * (1 - upper);
                    double yBottom = MARGIN + plotHeight * (1 - lower[i]);
                    top.append(point(x0, yTop)).append(' ').append(point(x1, yTop)).append(' ');
                    // The lower edge is walked back from right to left.
                    bottom.insert(0, point(x1, yBottom) + " " + point(x0, yBottom) + " ");
                    lower[i] = upper;
                }
                svg.append("<polygon fill=\"").append(color(p)).append("\" points=\"").append(top).append(bottom)
                        .append("\"/>");
            }
        }
        for (long second : changes.values()) {
            double x = MARGIN + plotWidth * second / lastSecond;
            svg.append(dashed(x));
        }
        axes(svg, "0 s", lastSecond + " s", "100%", "0%");
        return svg.append("</svg>").toString();
    }

    private static String regretChart(List<DemoRecord.RegretPoint> points, Set<Long> changeAt) {
        StringBuilder svg = svgStart("cumulative regret");
        long decisions = points.isEmpty() ? 1 : Math.max(1, points.get(points.size() - 1).decisions());
        double max = 1e-9;
        for (DemoRecord.RegretPoint point : points) {
            max = Math.max(max, Math.max(point.regret(), point.uniformRegret()));
        }
        double plotWidth = WIDTH - 2 * MARGIN;
        double plotHeight = HEIGHT - 2 * MARGIN;
        StringBuilder kroute = new StringBuilder();
        StringBuilder uniform = new StringBuilder();
        for (DemoRecord.RegretPoint point : points) {
            double x = MARGIN + plotWidth * point.decisions() / decisions;
            kroute.append(point(x, MARGIN + plotHeight * (1 - point.regret() / max))).append(' ');
            uniform.append(point(x, MARGIN + plotHeight * (1 - point.uniformRegret() / max))).append(' ');
        }
        svg.append("<polyline fill=\"none\" stroke=\"#aaa\" stroke-width=\"2\" points=\"").append(uniform).append("\"/>");
        svg.append("<polyline fill=\"none\" stroke=\"").append(COLORS[0]).append("\" stroke-width=\"2\" points=\"")
                .append(kroute).append("\"/>");
        for (long at : changeAt) {
            svg.append(dashed(MARGIN + plotWidth * at / decisions));
        }
        axes(svg, "0", decisions + " decisions", String.format(Locale.ROOT, "%.1f", max), "0");
        return svg.append("</svg>").toString();
    }

    private static StringBuilder svgStart(String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\"><text x=\"" + MARGIN + "\" y=\"20\" "
                + "style=\"font-weight:bold;font-size:12px\">" + title + "</text>");
    }

    private static void axes(StringBuilder svg, String xMin, String xMax, String yMax, String yMin) {
        int bottom = HEIGHT - MARGIN;
        svg.append("<rect x=\"").append(MARGIN).append("\" y=\"").append(MARGIN).append("\" width=\"")
                .append(WIDTH - 2 * MARGIN).append("\" height=\"").append(HEIGHT - 2 * MARGIN)
                .append("\" fill=\"none\" stroke=\"#999\"/>")
                .append("<text x=\"").append(MARGIN).append("\" y=\"").append(bottom + 14).append("\">").append(xMin)
                .append("</text><text x=\"").append(WIDTH - MARGIN).append("\" y=\"").append(bottom + 14)
                .append("\" text-anchor=\"end\">").append(xMax).append("</text>")
                .append("<text x=\"").append(MARGIN - 4).append("\" y=\"").append(MARGIN + 4)
                .append("\" text-anchor=\"end\">").append(yMax).append("</text>")
                .append("<text x=\"").append(MARGIN - 4).append("\" y=\"").append(bottom)
                .append("\" text-anchor=\"end\">").append(yMin).append("</text>");
    }

    private static String dashed(double x) {
        return "<line x1=\"" + fmt(x) + "\" x2=\"" + fmt(x) + "\" y1=\"" + MARGIN + "\" y2=\"" + (HEIGHT - MARGIN)
                + "\" stroke=\"#222\" stroke-dasharray=\"4 3\"/>";
    }

    private static String changeText(Scenario scenario) {
        if (scenario.changes().isEmpty()) {
            return "no change in this scenario";
        }
        List<String> parts = new ArrayList<>();
        for (Scenario.Change change : scenario.changes()) {
            parts.add(String.format(Locale.ROOT, "from decision %d, %s succeeds with probability %.2f", change.at(),
                    escape(change.provider()), change.successProbability()));
        }
        return String.join("; ", parts);
    }

    private static String point(double x, double y) {
        return fmt(x) + "," + fmt(y);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String color(int provider) {
        return COLORS[provider % COLORS.length];
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
