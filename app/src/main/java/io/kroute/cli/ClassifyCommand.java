package io.kroute.cli;

import io.kroute.runtime.DefaultWeights;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.anomaly.AnomalyVerdict;
import io.kroute.inference.anomaly.PromptAnalysis;
import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kroute classify}: one JSON object {@code {"text": ...}} per input line, one JSON result per output
 * line, in order. A bad line yields {@code {"line": n, "error": "..."}} in its place and the stream goes on.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classify prompts read from standard input, one JSON object {\"text\": ...} per line.",
            "Writes one JSON object per line, in order: {\"label\", \"probabilities\", \"anomaly\": {\"score\", "
                + "\"flagged\", \"feature\"}}; a bad line gives {\"line\", \"error\"} and processing goes on."})
public final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weight file to use (default: the shipped weights/default.json).")
    Path weights;

    @Option(names = "--features",
            description = "Also write the prompt features the anomaly filter scored (\"features\": {name: value}).")
    boolean features;

    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;

    public ClassifyCommand() {
        this(System.in, System.out, System.err);
    }

    ClassifyCommand(InputStream in, OutputStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, WeightFileException {
        WeightFile weightFile;
        try {
            weightFile = DefaultWeights.load(weights);
        } catch (WeightFileException e) {
            err.println("kroute classify: weight file refused: " + e.getMessage());
            return 2;
        }
        PromptAnalyzer analyzer = null;
        if (weightFile.anomaly().isPresent()) {
            analyzer = weightFile.analyzer();
        } else {
            err.println("kroute classify: " + weightFile.modelVersion() + " has no anomaly baselines; "
                    + "writing classes only");
        }
        run(weightFile.classifier(), analyzer, features, in, out);
        return 0;
    }

    static void run(TextClassifier classifier, InputStream input, OutputStream output) throws IOException {
        run(classifier, null, false, input, output);
    }

    /**
     * @param analyzer when not null, each answer also carries the anomaly verdict (and, with
     *     {@code withFeatures}, the features behind it)
     */
    static void run(TextClassifier classifier, PromptAnalyzer analyzer, boolean withFeatures, InputStream input,
            OutputStream output) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8), 1 << 16);
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        JsonGenerator json = mapper.getFactory().createGenerator(writer);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        // One object per line: the newline is the separator, not Jackson's default space.
        json.setRootValueSeparator(null);
        String line;
        long lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String text;
            String error = null;
            try {
                text = textOf(mapper, line);
            } catch (IllegalArgumentException e) {
                text = null;
                error = e.getMessage();
            }
            json.writeStartObject();
            if (error != null) {
                json.writeNumberField("line", lineNumber);
                json.writeStringField("error", error);
            } else {
                writeAnswer(json, classifier, analyzer == null ? null : analyzer.analyze(text), text, withFeatures);
            }
            json.writeEndObject();
            json.flush();
            writer.write('\n');
            // Interactive use: answer each line as soon as no more input is waiting.
            if (!reader.ready()) {
                writer.flush();
            }
        }
        writer.flush();
    }

    /** The answer to one prompt: label and probabilities, and with {@code analysis} the anomaly verdict. */
    private static void writeAnswer(JsonGenerator json, TextClassifier classifier, PromptAnalysis analysis,
            String text, boolean withFeatures) throws IOException {
        List<String> classes = classifier.classes();
        Classification c = analysis == null ? classifier.classify(text) : analysis.classification();
        json.writeStringField("label", c.label());
        json.writeObjectFieldStart("probabilities");
        for (int i = 0; i < classes.size(); i++) {
            json.writeNumberField(classes.get(i), c.probabilities()[i]);
        }
        json.writeEndObject();
        if (analysis == null) {
            return;
        }
        AnomalyVerdict verdict = analysis.anomaly();
        json.writeObjectFieldStart("anomaly");
        json.writeNumberField("score", verdict.score());
        json.writeBooleanField("flagged", verdict.flagged());
        json.writeStringField("feature", verdict.feature());
        json.writeStringField("baseline", verdict.baseline());
        json.writeEndObject();
        if (withFeatures) {
            json.writeObjectFieldStart("features");
            for (var feature : analysis.features().asMap().entrySet()) {
                json.writeNumberField(feature.getKey(), feature.getValue());
            }
            json.writeEndObject();
        }
    }

    private static String textOf(ObjectMapper mapper, String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected a JSON object {\"text\": ...}, found invalid JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("expected a JSON object {\"text\": ...}, found an empty line");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object {\"text\": ...}, found " + node.getNodeType());
        }
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            throw new IllegalArgumentException("expected a \"text\" member, found none");
        }
        if (!text.isTextual()) {
            throw new IllegalArgumentException("expected \"text\" to be a string, found " + text.getNodeType());
        }
        return text.textValue();
    }
}
