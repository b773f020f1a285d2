package io.kroute.tests.parity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tests/src/test/python/parity_expectations.py} with Debian's Python: the trainer writes one weight
 * file per configuration, and scikit-learn records its labels and probabilities for the held-out texts.
 */
final class ScikitLearnRun {

    /**
     * Every data set is trained in its own process; the quick suite takes minutes, the full one much longer, so
     * this bound only catches a hang.
     */
    private static final long TIMEOUT_MINUTES = ParitySuite.full() ? 240 : 20;

    private final String dataSet;
    private final Path outputDirectory;
    private final Path log;
    private final Process process;

    private ScikitLearnRun(String dataSet, Path outputDirectory, Path log, Process process) {
        this.dataSet = dataSet;
        this.outputDirectory = outputDirectory;
        this.log = log;
        this.process = process;
    }

    static Path repositoryRoot() {
        String configured = System.getProperty("kroute.repoRoot");
        Path root = configured != null ? Paths.get(configured) : Paths.get("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    static Path outputRoot() {
        String configured = System.getProperty("kroute.parityOutput");
        return (configured != null ? Paths.get(configured) : Paths.get("target", "parity")).toAbsolutePath();
    }

    static String python() {
        return System.getProperty("kroute.python", "/usr/bin/python3");
    }

    /** Starts the harness for one data set (a {@code .jsonl} file under the parity test resources). */
    static ScikitLearnRun start(String dataSet, List<String> configurations) throws IOException {
        return start(ParitySuite.DataSet.of(dataSet), configurations);
    }

    /**
     * Whether to compare against the outputs a previous harness run left under {@link #outputRoot()} instead of
     * fitting again ({@code -Dkroute.parityReuseOutput=true}): for re-checking the Java side after a change that
     * leaves the trainer alone.
     */
    static boolean reuseOutput() {
        return Boolean.getBoolean("kroute.parityReuseOutput");
    }

    /** Starts the harness for one data set, binary when the data set says so (or reuses its last outputs). */
    static ScikitLearnRun start(ParitySuite.DataSet dataSet, List<String> configurations) throws IOException {
        if (reuseOutput()) {
            return reuse(dataSet, configurations);
        }
        Path root = repositoryRoot();
        Path harness = root.resolve("tests/src/test/python/parity_expectations.py");
        Path data = root.resolve("tests/src/test/resources/parity").resolve(dataSet.file() + ".jsonl");
        for (Path required : List.of(harness, data, root.resolve("trainer/train.py"))) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException("expected " + required + " (repository root " + root
                        + ", set -Dkroute.repoRoot to change it), found no such file");
            }
        }
        Path python = Paths.get(python());
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("expected Debian's python3 with scikit-learn at " + python
                    + " (apt-get install -y python3-sklearn, or set -Dkroute.python), found no executable there");
        }
        Path output = outputRoot().resolve(dataSet.name());
        Files.createDirectories(output);
        Path log = output.resolve("harness.log");

        List<String> command = new ArrayList<>(List.of(python.toString(), harness.toString(),
                "--data", data.toString(), "--out", output.toString(), "--repo-root", root.toString()));
        if (dataSet.twoClasses() != null) {
            command.add("--two-classes");
            command.add(dataSet.twoClasses());
        }
        for (String configuration : configurations) {
            command.add("--config");
            command.add(configuration);
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ScikitLearnRun(dataSet.name(), output, log, process);
    }

    private static ScikitLearnRun reuse(ParitySuite.DataSet dataSet, List<String> configurations) throws IOException {
        Path output = outputRoot().resolve(dataSet.name());
        List<String> required = new ArrayList<>(List.of("tokens.json"));
        configurations.forEach(c -> required.addAll(List.of(c + "/weights.json", c + "/expected.json")));
        for (String file : required) {
            if (!Files.isRegularFile(output.resolve(file))) {
                throw new IllegalStateException("expected " + output.resolve(file) + " from an earlier harness run "
                        + "(-Dkroute.parityReuseOutput=true reuses them), found no such file");
            }
        }
        Path log = output.resolve("harness.log");
        return new ScikitLearnRun(dataSet.name(), output, log, null);
    }

    /** Waits for the harness; on failure, the exception carries the end of its log. */
    Path await() throws IOException, InterruptedException {
        if (process == null) {
            return outputDirectory;
        }
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("expected the scikit-learn harness for " + dataSet + " to finish within "
                    + TIMEOUT_MINUTES + " minutes, found it still running; its log so far:\n" + logTail());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("expected the scikit-learn harness for " + dataSet
                    + " to exit with 0, found " + process.exitValue() + "; its log:\n" + logTail());
        }
        return outputDirectory;
    }

    String log() throws IOException {
        if (process == null) {
            return "reused the outputs under " + outputDirectory + "\n";
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
