package io.kroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import io.kroute.runtime.EmbeddedKafkaBroker;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.WeightsPublisher;
import io.kroute.topology.KrouteTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kroute weights inspect|validate|publish|priors FILE}. */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Inspect, validate or publish a weight file, or give it warm-start priors from a reward log.",
        subcommands = {WeightsCommand.Inspect.class, WeightsCommand.Validate.class, WeightsCommand.Publish.class,
            WeightsPriorsCommand.class})
public final class WeightsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit status for a file the pipeline would refuse. */
    static final int REFUSED = 1;
    /** Exit status for a file that could not be published (size, cluster). */
    static final int NOT_PUBLISHED = 2;

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Show a weight file's version, classes, sizes and quality figures (and whether it is valid).")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The weight file.")
        Path file;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            WeightFile weights;
            try {
                weights = new WeightFileReader().readFile(file);
            } catch (WeightFileException e) {
                printRefusal(spec.commandLine().getErr(), file, e);
                return REFUSED;
            }
            describe(weights, file, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Validate a weight file exactly as the pipeline does before it activates one "
                    + "(format, checksum, shapes, golden vectors). Exit status 0 when valid, 1 when refused.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The weight file.")
        Path file;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                WeightFile weights = new WeightFileReader().readFile(file);
                spec.commandLine().getOut().printf(Locale.ROOT, "valid: %s %s (%d golden vectors reproduced within %s)%n",
                        weights.modelName(), weights.modelVersion(), weights.goldenVectors().size(),
                        weights.goldenTolerance());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (WeightFileException e) {
                printRefusal(spec.commandLine().getErr(), file, e);
                return REFUSED;
            }
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Validate a weight file, then publish it to the weights topic keyed by its model name.",
                "Without --bootstrap-servers it publishes to the embedded broker of a kroute running with the same "
                    + "--data-dir."})
    static final class Publish implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The weight file.")
        Path file;

        @Mixin
        RuntimeOptions options;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            WeightFile weights;
            try {
                weights = new WeightFileReader().readFile(file);
            } catch (WeightFileException e) {
                printRefusal(spec.commandLine().getErr(), file, e);
                return REFUSED;
            }
            RuntimeConfig config = resolveConfig();
            if (config == null) {
                return NOT_PUBLISHED;
            }
            String bootstrap = config.bootstrapServers()
                    .or(() -> EmbeddedKafkaBroker.runningAddress(config.dataDir()))
                    .orElse(null);
            if (bootstrap == null) {
                spec.commandLine().getErr().println("kroute weights publish: no cluster to publish to: "
                        + "bootstrap.servers is not configured and no kroute with data folder " + config.dataDir()
                        + " is running; start ./kroute run or pass --bootstrap-servers");
                return NOT_PUBLISHED;
            }
            Map<String, Object> kafka = new HashMap<>(config.kafkaProperties());
            kafka.put("bootstrap.servers", bootstrap);
            try {
                WeightsPublisher.Published published = WeightsPublisher.publish(kafka, KrouteTopics.WEIGHTS,
                        weights.modelName(), Files.readAllBytes(file), config.createTopics(),
                        config.weightsMaxMessageBytes(), config.partitions());
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "published %s %s (%d bytes, topic limit %d) to %s-%d at offset %d on %s%n",
                        weights.modelName(), weights.modelVersion(), weights.sizeBytes(), published.maxMessageBytes(),
                        published.topic(), published.partition(), published.offset(), bootstrap);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException | IllegalStateException e) {
                spec.commandLine().getErr().println("kroute weights publish: " + e.getMessage());
                return NOT_PUBLISHED;
            }
        }

        /** The configuration, or null after saying on standard error what is wrong with it. */
        private RuntimeConfig resolveConfig() {
            try {
                return options.resolve(System.getenv());
            } catch (RuntimeConfig.ConfigException e) {
                spec.commandLine().getErr().println("kroute weights publish: configuration: " + e.getMessage());
                return null;
            }
        }
    }

    static void printRefusal(PrintWriter err, Path file, WeightFileException e) {
        err.println("refused (" + e.reason() + "): " + file + ": " + e.getMessage());
        err.flush();
    }

    static void describe(WeightFile weights, Path file, PrintWriter out) {
        var classifier = weights.classifier();
        var vectorizer = classifier.vectorizer();
        out.printf(Locale.ROOT, "file:        %s (%d bytes)%n", file, weights.sizeBytes());
        out.printf(Locale.ROOT, "valid:       yes (checksum and %d golden vectors within %s)%n",
                weights.goldenVectors().size(), weights.goldenTolerance());
        out.printf(Locale.ROOT, "model:       %s, version %s, format %d, created %s%n", weights.modelName(),
                weights.modelVersion(), weights.formatVersion(), weights.createdAt());
        out.printf(Locale.ROOT, "classifier:  %s%n", classifier.model().describe());
        out.printf(Locale.ROOT, "features:    %d columns, vocabulary %d terms: %s%n", vectorizer.featureCount(),
                weights.vocabularySize(), vectorizer.describe());
        out.printf(Locale.ROOT, "classes:     %d: %s%n", classifier.classes().size(), String.join(", ", classifier.classes()));
        PipelineDescription.print(weights.section("pipeline").orElse(null), out);
        JsonNode training = weights.training();
        if (training != null && !training.isMissingNode() && !training.isNull()) {
            out.printf(Locale.ROOT, "training:    %s rows, scikit-learn %s, Python %s%n", training.path("rows").asText("?"),
                    training.path("sklearnVersion").asText("?"), training.path("pythonVersion").asText("?"));
        }
        JsonNode quality = weights.quality();
        if (quality != null && !quality.isMissingNode() && !quality.isNull()) {
            out.printf(Locale.ROOT, "quality:     accuracy %s, macro F1 %s on %s held-out rows%n",
                    figure(quality.path("accuracy")), figure(quality.path("macroF1")),
                    quality.path("heldOutRows").asText("?"));
            JsonNode perClass = quality.path("perClassF1");
            if (perClass.isObject()) {
                StringJoiner joiner = new StringJoiner(", ");
                for (Map.Entry<String, JsonNode> entry : perClass.properties()) {
                    joiner.add(entry.getKey() + " " + figure(entry.getValue()));
                }
                out.printf(Locale.ROOT, "F1 by class: %s%n", joiner);
            }
        }
        out.printf(Locale.ROOT, "sections:    %s (optional parts the file carries)%n", weights.sections().isEmpty() ? "none"
                : String.join(", ", new TreeSet<>(weights.sections().keySet())));
        out.printf(Locale.ROOT, "checksum:    %s%n", weights.checksum());
        out.flush();
    }

    private static String figure(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.4f", value.asDouble()) : "?";
    }
}
