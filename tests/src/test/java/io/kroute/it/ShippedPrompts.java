package io.kroute.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            ObjectMapper mapper = new ObjectMapper();
            Map<String, List<String>> result = new LinkedHashMap<>();
            try {
                for (String line : Files.readAllLines(FILE)) {
                    JsonNode row = mapper.readTree(line);
                    result.computeIfAbsent(row.path("label").asText(), l -> new ArrayList<>()).add(row.path("text").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byLabel = result;
        }
        return byLabel;
    }
}
