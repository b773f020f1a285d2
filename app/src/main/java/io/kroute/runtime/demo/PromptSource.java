package io.kroute.runtime.demo;

import io.kroute.inference.text.PromptFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Labelled prompt texts (the trainer's synthetic prompts, {@code weights/prompts.jsonl}), by label. */
public final class PromptSource {
    private final Map<String, List<String>> byLabel;

    private PromptSource(Map<String, List<String>> byLabel) {
        this.byLabel = byLabel;
    }

    /**
     * Reads {@code file}: one {@code {"text": ..., "label": ...}} per line.
     *
     * @throws IllegalArgumentException when it is missing or a line is not such an object
     */
    public static PromptSource read(Path file) {
        return new PromptSource(PromptFile.read(file).byLabel());
    }

    /** The shipped prompts: {@code $KROUTE_HOME/weights/prompts.jsonl}, else {@code weights/prompts.jsonl} here. */
    public static Optional<Path> shipped() {
        String home = System.getenv("KROUTE_HOME");
        for (Path candidate : home == null ? List.of(Path.of("weights", "prompts.jsonl"))
                : List.of(Path.of(home, "weights", "prompts.jsonl"), Path.of("weights", "prompts.jsonl"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public List<String> texts(String label) {
        return byLabel.getOrDefault(label, List.of());
    }

    public boolean has(String label) {
        return !texts(label).isEmpty();
    }
}
