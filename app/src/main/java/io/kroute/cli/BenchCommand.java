package io.kroute.cli;

import io.kroute.inference.text.PromptFile;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.runtime.DefaultWeights;
import io.kroute.runtime.EmbeddedKafkaBroker;
import io.kroute.runtime.Folders;
import io.kroute.runtime.bench.BenchReport;
import io.kroute.runtime.bench.PipelineBench;
import io.kroute.runtime.bench.PipelineBench.Pipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kroute bench}: the pipeline measured against a pass-through topology on the same broker, in the same run:
 * throughput on a pre-produced backlog with exactly-once off and on, then produce-to-output latency at a fixed
 * offered rate with exactly-once on. Prints a table and appends it, with the machine and the command, to
 * {@code docs/benchmarks.md}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure kroute's pipeline against a pass-through topology on the same broker.",
            "With no bootstrap servers, a broker runs in process with its data in a temporary folder."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "An existing cluster to run on (default: an embedded broker).")
    String bootstrapServers;

    @Option(names = "--weights", description = "Weight file to decide with (default: the shipped weights/default.json).")
    Path weights;

    @Option(names = "--prompts", description = "JSONL prompts to send, one {\"text\": ...} per line, cycled "
            + "(default: weights/prompts.jsonl).")
    Path prompts;

    @Option(names = "--backlog", defaultValue = "100000", description = "Prompts pre-produced per throughput run "
            + "(default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--rate", defaultValue = "5000", description = "Offered prompts per second in the latency runs "
            + "(default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds of offered load per latency run "
            + "(default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Leading seconds of each latency run left out of "
            + "the percentiles (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--commit-interval-ms", defaultValue = "100", description = "Streams commit interval of the "
            + "throughput runs and the first latency runs (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--latency-commit-interval-ms", split = ",", description = "Further commit intervals to "
            + "measure latency with, e.g. 20,50 (default: none).")
    List<Long> extraCommitIntervals = new ArrayList<>();

    @Option(names = "--linger-ms", defaultValue = "5", description = "Streams producers' linger.ms "
            + "(default: ${DEFAULT-VALUE}).")
    int lingerMs;

    @Option(names = "--compression", defaultValue = "lz4", description = "Streams producers' compression.type "
            + "(default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams threads of each "
            + "application, the same for kroute and the pass-through (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--partitions", defaultValue = "1", description = "Partitions of every topic the harness creates, "
            + "the same for both pipelines (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--skip-throughput", description = "Run only the latency runs.")
    boolean skipThroughput;

    @Option(names = "--skip-latency", description = "Run only the throughput runs.")
    boolean skipLatency;

    @Option(names = "--report", description = "Markdown file the results are appended to "
            + "(default: docs/benchmarks.md under KROUTE_HOME).")
    Path report;

    @Option(names = "--no-report", description = "Print the table only.")
    boolean noReport;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs inputs;
        try {
            inputs = inputs();
        } catch (IllegalArgumentException | UncheckedIOException | WeightFileException e) {
            err.println("kroute bench: " + e.getMessage());
            return 2;
        }
        BenchReport results = new BenchReport(commandLine(), BenchReport.Machine.describe(), inputs.settings(),
                bootstrapServers == null ? "embedded broker (same JVM)" : "cluster " + bootstrapServers,
                inputs.layout());
        Path dataDir = Files.createTempDirectory("kroute-bench");
        EmbeddedKafkaBroker broker = null;
        try {
            String servers = bootstrapServers;
            if (servers == null) {
                broker = EmbeddedKafkaBroker.start(dataDir, 0, false);
                servers = broker.bootstrapServers();
            }
            measure(servers, inputs, dataDir, results, err);
        } catch (IllegalStateException e) {
            err.println("kroute bench: " + e.getMessage());
            return 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
            Folders.deleteRecursively(dataDir, "the benchmark's data folder");
        }
        results.finish();
        out.print(results.table());
        out.flush();
        if (!noReport) {
            Path file = report != null ? report : home().resolve("docs").resolve("benchmarks.md");
            Files.writeString(file, results.markdown(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            out.println("appended to " + file);
        }
        return 0;
    }

    /** What the runs use, validated before anything starts. */
    private record Inputs(PipelineBench.Settings settings, PipelineBench.Layout layout, WeightFile weightFile,
            List<PipelineBench.PromptText> texts) {
    }

    private Inputs inputs() throws WeightFileException {
        PipelineBench.Settings settings = new PipelineBench.Settings(backlog, rate, Duration.ofSeconds(durationSeconds),
                Duration.ofSeconds(warmupSeconds), commitIntervalMs, lingerMs, compression);
        PipelineBench.Layout layout = new PipelineBench.Layout(partitions, streamThreads);
        for (long interval : extraCommitIntervals) {
            if (interval < 1) {
                throw new IllegalArgumentException("latency commit interval: expected >= 1 ms, found " + interval);
            }
        }
        WeightFile weightFile = DefaultWeights.load(weights);
        List<PipelineBench.PromptText> texts =
                readPrompts(prompts != null ? prompts : home().resolve("weights").resolve("prompts.jsonl"));
        return new Inputs(settings, layout, weightFile, texts);
    }

    /** The command as typed, for the report. */
    private String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("bench")) {
            args.remove(0); // the parse result of a subcommand starts with the subcommand's own name
        }
        return "./kroute bench " + String.join(" ", args);
    }

    /** An untimed warm-up of both pipelines, then the throughput and latency runs asked for. */
    private void measure(String servers, Inputs inputs, Path dataDir, BenchReport results, PrintWriter err) {
        PipelineBench.Settings settings = inputs.settings();
        try (PipelineBench bench = new PipelineBench(servers, inputs.weightFile(), inputs.texts(),
                dataDir.resolve("streams"), message -> err.println("kroute bench: " + message), inputs.layout())) {
            // Untimed first: the JIT compiles the clients, serdes and inference before any figure is taken.
            PipelineBench.Settings warmup = new PipelineBench.Settings(Math.min(backlog, 20_000), rate,
                    settings.latencyDuration(), settings.warmup(), commitIntervalMs, lingerMs, compression);
            for (Pipeline pipeline : Pipeline.values()) {
                progress(err, "warm-up", pipeline, false, commitIntervalMs);
                bench.throughput(pipeline, false, warmup);
            }
            if (!skipThroughput) {
                for (boolean exactlyOnce : new boolean[] {false, true}) {
                    for (Pipeline pipeline : Pipeline.values()) {
                        progress(err, "throughput", pipeline, exactlyOnce, commitIntervalMs);
                        results.add(bench.throughput(pipeline, exactlyOnce, settings));
                    }
                }
            }
            if (!skipLatency) {
                latencyRuns(bench, settings, results, err);
            }
        }
    }

    private void latencyRuns(PipelineBench bench, PipelineBench.Settings settings, BenchReport results,
            PrintWriter err) {
        List<Long> intervals = new ArrayList<>(List.of(commitIntervalMs));
        intervals.addAll(extraCommitIntervals);
        for (long interval : intervals) {
            PipelineBench.Settings run = new PipelineBench.Settings(backlog, rate, settings.latencyDuration(),
                    settings.warmup(), interval, lingerMs, compression);
            for (Pipeline pipeline : Pipeline.values()) {
                progress(err, "latency", pipeline, true, interval);
                results.add(bench.latency(pipeline, true, run));
            }
        }
    }

    private static void progress(PrintWriter err, String kind, Pipeline pipeline, boolean exactlyOnce, long interval) {
        err.println("kroute bench: " + kind + " run: " + pipeline.key() + ", "
                + (exactlyOnce ? "exactly-once" : "at-least-once") + ", commit interval " + interval + " ms");
        err.flush();
    }

    private static Path home() {
        String home = System.getenv("KROUTE_HOME");
        return Path.of(home == null ? "." : home);
    }

    /** The prompts of a JSONL file: {@code text} required, {@code tenant} optional. */
    static List<PipelineBench.PromptText> readPrompts(Path file) {
        return PromptFile.read(file).rows().stream()
                .map(row -> new PipelineBench.PromptText(row.tenant() != null ? row.tenant() : "bench", row.text()))
                .toList();
    }
}
