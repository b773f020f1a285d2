package io.kroute.runtime.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Labelled prompt texts (the trainer's synthetic prompts, {@code weights/prompts.jsonl}), by label. */
public final class PromptSource {
    private final Map<String, List<String>> byLabel;

    private PromptSource(Map<String, List<String>> byLabel) {
        this.byLabel = byLabel;
    }

    /** Reads {@code file}: one {@code {"text": ..., "label": ...}} per line. */
    public static PromptSource read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, List<String>> byLabel = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = mapper.readTree(line);
                if (!row.path("text").isTextual() || !row.path("label").isTextual()) {
                    throw new IOException(file + " line " + number + ": expected {\"text\": ..., \"label\": ...}, found "
                            + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
                }
                byLabel.computeIfAbsent(row.get("label").asText(), l -> new ArrayList<>()).add(row.get("text").asText());
            }
        }
        return new PromptSource(byLabel);
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
