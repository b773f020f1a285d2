package io.kroute.bench;

import io.kroute.inference.text.PromptFile;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the weight and prompt files the benchmarks run on, with a clear message when they are missing. */
public final class BenchmarkInputs {
    static final String PREPARE = "create them first with: /usr/bin/python3 bench/sklearn_bench.py "
            + "(run from the repository root)";

    private BenchmarkInputs() {
    }

    public static WeightFile weights(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("weight file " + file.toAbsolutePath() + " not found; " + PREPARE);
        }
        try {
            return WeightFileReader.read(file);
        } catch (WeightFileException e) {
            throw new IllegalStateException("weight file " + file + " refused: " + e.getMessage(), e);
        }
    }

    /** The {@code text} of every line of a JSONL file. */
    public static String[] prompts(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("prompt file " + file.toAbsolutePath() + " not found; " + PREPARE);
        }
        return PromptFile.read(file).texts().toArray(new String[0]);
    }
}
