package io.kroute.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled prompts that ship in {@code weights/prompts.jsonl}, by label: those the shipped anomaly filter lets
 * through (all but a few in ten thousand, real e-mails and tables among them), so a test that sends one and waits
 * for its decision gets one.
 */
public final class ShippedPrompts {
    public static final Path FILE = Path.of("..", "weights", "prompts.jsonl");
    public static final Path WEIGHTS = Path.of("..", "weights", "default.json");
    private static Map<String, List<String>> byLabel;

    private ShippedPrompts() {
    }

    public static synchronized Map<String, List<String>> byLabel() {
        if (byLabel == null) {
            ObjectMapper mapper = new ObjectMapper();
            Map<String, List<String>> result = new LinkedHashMap<>();
            try {
                PromptAnalyzer analyzer = new WeightFileReader().readFile(WEIGHTS).analyzer();
                for (String line : Files.readAllLines(FILE)) {
                    JsonNode row = mapper.readTree(line);
                    String text = row.path("text").asText();
                    if (analyzer == null || !analyzer.analyze(text).anomaly().flagged()) {
                        result.computeIfAbsent(row.path("label").asText(), l -> new ArrayList<>()).add(text);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (WeightFileException e) {
                throw new IllegalStateException("the shipped weight file is refused: " + e.getMessage(), e);
            }
            byLabel = result;
        }
        return byLabel;
    }
}
