package io.kroute.inference.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of prompts, one JSON object per line, as the trainer reads them ({@code weights/prompts.jsonl}):
 * {@code {"text": ..., "label": ...}}, with an optional {@code tenant}. Blank lines are skipped; other members are
 * ignored.
 *
 * @param rows every prompt, in file order
 */
public record PromptFile(Path file, List<Row> rows) {

    /**
     * One prompt of the file.
     *
     * @param line its line number, from 1
     * @param label null when the line has none
     * @param tenant null when the line has none
     */
    public record Row(int line, String text, String label, String tenant) {
    }

    public PromptFile {
        rows = List.copyOf(rows);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException when the file is missing, holds no prompt, or has a line that is not a JSON
     *     object with a string {@code text} (and, where present, a string {@code label} and {@code tenant})
     * @throws UncheckedIOException when the file cannot be read
     */
    public static PromptFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("prompt file " + file + ": expected a file, found none");
        }
        ObjectMapper mapper = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    rows.add(row(file, number, line, mapper));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt file " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("prompt file " + file + ": expected at least one prompt, found none");
        }
        return new PromptFile(file, rows);
    }

    /** The texts, in file order. */
    public List<String> texts() {
        return rows.stream().map(Row::text).toList();
    }

    /**
     * The texts by label, labels in order of first appearance.
     *
     * @throws IllegalArgumentException when a line has no label
     */
    public Map<String, List<String>> byLabel() {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.label() == null) {
                throw new IllegalArgumentException("prompt file " + file + " line " + row.line()
                        + ": expected a string \"label\", found none");
            }
            byLabel.computeIfAbsent(row.label(), l -> new ArrayList<>()).add(row.text());
        }
        return byLabel;
    }

    private static Row row(Path file, int number, String line, ObjectMapper mapper) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("text").isTextual() || !optionalText(node, "label")
                || !optionalText(node, "tenant")) {
            throw new IllegalArgumentException("prompt file " + file + " line " + number + ": expected a JSON object "
                    + "{\"text\": string, \"label\": string} (tenant optional), found "
                    + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
        }
        return new Row(number, node.get("text").asText(), text(node, "label"), text(node, "tenant"));
    }

    private static boolean optionalText(JsonNode node, String field) {
        return !node.has(field) || node.get(field).isTextual();
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }
}
