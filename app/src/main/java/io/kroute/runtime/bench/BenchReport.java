package io.kroute.runtime.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The results of one {@code kroute bench} run as a console table and as a Markdown section. */
public final class BenchReport {

    /** Throughput of kroute as a share of the pass-through topology's, at least. */
    public static final double THROUGHPUT_TARGET = 0.8;
    /** kroute's p99 latency over the pass-through topology's, at most. */
    public static final double LATENCY_RATIO_TARGET = 1.25;
    /** kroute's p99 latency with exactly-once, at most. */
    public static final double LATENCY_P99_TARGET_MS = 100;

    /** Where the figures were measured. */
    public record Machine(int cpus, String cpuModel, String os, String jdk) {
        public static Machine describe() {
            return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        }

        private static String readCpuModel() {
            try {
                Optional<String> line = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name")).findFirst();
                return line.map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            } catch (IOException | RuntimeException e) {
                return "unknown CPU";
            }
        }
    }

    private final String command;
    private final Machine machine;
    private final PipelineBench.Settings settings;
    private final String broker;
    private final PipelineBench.Layout layout;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final double loadAtStart = loadAverage();
    private double loadAtEnd = Double.NaN;
    private final List<PipelineBench.ThroughputResult> throughput = new ArrayList<>();
    private final List<PipelineBench.LatencyResult> latency = new ArrayList<>();

    public BenchReport(String command, Machine machine, PipelineBench.Settings settings, String broker) {
        this(command, machine, settings, broker, PipelineBench.Layout.SINGLE);
    }

    public BenchReport(String command, Machine machine, PipelineBench.Settings settings, String broker,
            PipelineBench.Layout layout) {
        this.layout = layout;
        this.command = command;
        this.machine = machine;
        this.settings = settings;
        this.broker = broker;
    }

    public void add(PipelineBench.ThroughputResult result) {
        throughput.add(result);
    }

    public void add(PipelineBench.LatencyResult result) {
        latency.add(result);
    }

    public void finish() {
        loadAtEnd = loadAverage();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Rows of the throughput table: one per guarantee that has both pipelines measured. */
    List<String[]> throughputRows() {
        List<String[]> rows = new ArrayList<>();
        for (boolean exactlyOnce : new boolean[] {false, true}) {
            Optional<PipelineBench.ThroughputResult> base = find(PipelineBench.Pipeline.PASS_THROUGH, exactlyOnce);
            Optional<PipelineBench.ThroughputResult> kroute = find(PipelineBench.Pipeline.KROUTE, exactlyOnce);
            if (base.isEmpty() || kroute.isEmpty()) {
                continue;
            }
            double ratio = kroute.get().perSecond() / base.get().perSecond();
            rows.add(new String[] {guarantee(exactlyOnce), fmt("%,.0f", base.get().perSecond()),
                fmt("%,.0f", kroute.get().perSecond()), fmt("%.2f×", ratio),
                ratio >= THROUGHPUT_TARGET ? "met" : "not met",
                cpu(base.get().processCpuMicrosPerRecord(), kroute.get().processCpuMicrosPerRecord()),
                cpu(base.get().streamCpuMicrosPerRecord(), kroute.get().streamCpuMicrosPerRecord())});
        }
        return rows;
    }

    /** Rows of the latency table: one per pipeline and commit interval, with the ratio on kroute's rows. */
    List<String[]> latencyRows() {
        List<String[]> rows = new ArrayList<>();
        for (PipelineBench.LatencyResult r : latency) {
            String ratio = "";
            String verdict = "";
            if (r.pipeline() == PipelineBench.Pipeline.KROUTE) {
                Optional<PipelineBench.LatencyResult> base = latency.stream()
                        .filter(b -> b.pipeline() == PipelineBench.Pipeline.PASS_THROUGH
                                && b.commitIntervalMs() == r.commitIntervalMs() && b.exactlyOnce() == r.exactlyOnce())
                        .findFirst();
                if (base.isPresent()) {
                    double x = r.latency().p99Millis() / base.get().latency().p99Millis();
                    ratio = fmt("%.2f×", x);
                    verdict = (x <= LATENCY_RATIO_TARGET ? "ratio met" : "ratio not met") + "; p99 "
                            + (r.latency().p99Millis() < LATENCY_P99_TARGET_MS ? "< 100 ms" : ">= 100 ms");
                }
            }
            rows.add(new String[] {Long.toString(r.commitIntervalMs()), r.pipeline().key(), guarantee(r.exactlyOnce()),
                fmt("%,d", r.offeredRate()), fmt("%.0f", r.latency().p50Millis()), fmt("%.0f", r.latency().p99Millis()),
                fmt("%.0f", r.latency().maxMillis()), fmt("%,d/%,d", r.received(), r.produced()), ratio, verdict});
        }
        return rows;
    }

    /** "pass-through / kroute (ratio)" in CPU µs per prompt; the ratio reads like the throughput ratio. */
    private static String cpu(double base, double kroute) {
        if (Double.isNaN(base) || Double.isNaN(kroute)) {
            return "n/a";
        }
        return fmt("%.1f / %.1f (%.2f×)", base, kroute, base / kroute);
    }

    private Optional<PipelineBench.ThroughputResult> find(PipelineBench.Pipeline pipeline, boolean exactlyOnce) {
        return throughput.stream().filter(t -> t.pipeline() == pipeline && t.exactlyOnce() == exactlyOnce).findFirst();
    }

    private static final String[] THROUGHPUT_HEADER = {"guarantee", "pass-through (prompts/s)", "kroute (prompts/s)",
        "kroute / pass-through", "target >= 0.8×", "CPU µs/prompt, process: pass-through / kroute",
        "CPU µs/prompt, stream threads: pass-through / kroute"};
    private static final String[] LATENCY_HEADER = {"commit interval (ms)", "pipeline", "guarantee", "offered (/s)",
        "p50 (ms)", "p99 (ms)", "max (ms)", "received/sent", "p99 kroute / pass-through", "targets (<= 1.25×; < 100 ms)"};

    public String table() {
        StringBuilder out = new StringBuilder();
        if (!throughput.isEmpty()) {
            out.append("Throughput (").append(fmt("%,d", settings.backlog())).append(" pre-produced prompts)\n");
            appendText(out, THROUGHPUT_HEADER, throughputRows());
        }
        if (!latency.isEmpty()) {
            out.append("\nProduce-to-output latency (warm-up ").append(settings.warmup().toSeconds())
                    .append(" s left out of ").append(settings.latencyDuration().toSeconds()).append(" s)\n");
            appendText(out, LATENCY_HEADER, latencyRows());
        }
        out.append(fmt("\nload average %.2f at start, %.2f at end\n", loadAtStart, loadAtEnd));
        return out.toString();
    }

    private static void appendText(StringBuilder out, String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        appendTextRow(out, header, widths);
        for (String[] row : rows) {
            appendTextRow(out, row, widths);
        }
    }

    private static void appendTextRow(StringBuilder out, String[] cells, int[] widths) {
        for (int c = 0; c < cells.length; c++) {
            out.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells[c]));
        }
        out.append('\n');
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("\n## Pipeline: kroute vs pass-through (").append(started).append(")\n\n");
        md.append("```sh\n").append(command).append("\n```\n\n");
        md.append("Machine: ").append(machine.cpus()).append(" CPUs (").append(machine.cpuModel()).append("), ")
                .append(machine.os()).append(", ").append(machine.jdk()).append("; ").append(broker)
                .append(fmt("; load average %.2f at start, %.2f at end.", loadAtStart, loadAtEnd)).append("\n");
        md.append("Settings: ").append(layout.streamThreads() == 1 ? "one stream thread"
                        : layout.streamThreads() + " stream threads").append(" per application, ")
                .append(layout.partitions() == 1 ? "one partition" : layout.partitions() + " partitions")
                .append(" per topic, commit interval ").append(settings.commitIntervalMs())
                .append(" ms (unless the table says otherwise), Streams producers linger.ms ").append(settings.lingerMs())
                .append(", compression ").append(settings.compression()).append(".\n");
        if (!throughput.isEmpty()) {
            md.append("\nThroughput on ").append(fmt("%,d", settings.backlog()))
                    .append(" pre-produced prompts, from the application reaching RUNNING to its last offset committed:\n\n");
            appendMarkdown(md, THROUGHPUT_HEADER, throughputRows());
        }
        if (!latency.isEmpty()) {
            md.append("\nProduce-to-output latency at a fixed offered rate (send to read-committed receipt; the first ")
                    .append(settings.warmup().toSeconds()).append(" s of each ")
                    .append(settings.latencyDuration().toSeconds()).append(" s run left out):\n\n");
            appendMarkdown(md, LATENCY_HEADER, latencyRows());
        }
        return md.toString();
    }

    private static void appendMarkdown(StringBuilder md, String[] header, List<String[]> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append("---|".repeat(header.length)).append('\n');
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
    }

    private static String guarantee(boolean exactlyOnce) {
        return exactlyOnce ? "exactly-once" : "at-least-once";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
