package io.kroute.it;

import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.text.PromptFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import java.nio.file.Path;
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
            PromptAnalyzer analyzer;
            try {
                analyzer = new WeightFileReader().readFile(WEIGHTS).analyzer();
            } catch (WeightFileException e) {
                throw new IllegalStateException("the shipped weight file is refused: " + e.getMessage(), e);
            }
            Map<String, List<String>> passed = new LinkedHashMap<>();
            PromptFile.read(FILE).byLabel().forEach((label, texts) -> passed.put(label, texts.stream()
                    .filter(text -> analyzer == null || !analyzer.analyze(text).anomaly().flagged()).toList()));
            byLabel = passed;
        }
        return byLabel;
    }
}
