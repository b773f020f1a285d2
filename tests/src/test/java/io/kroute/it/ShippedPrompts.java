package io.kroute.it;

import io.kroute.inference.text.PromptFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The labelled prompts that ship in {@code weights/prompts.jsonl}, by label. */
public final class ShippedPrompts {
    public static final Path FILE = Path.of("..", "weights", "prompts.jsonl");
    private static Map<String, List<String>> byLabel;

    private ShippedPrompts() {
    }

    public static synchronized Map<String, List<String>> byLabel() {
        if (byLabel == null) {
            byLabel = PromptFile.read(FILE).byLabel();
        }
        return byLabel;
    }
}
