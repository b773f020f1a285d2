package io.kroute.runtime;

import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and loads the weight file kroute ships: {@code weights/default.json}. */
public final class DefaultWeights {
    public static final String RESOURCE = "/weights/default.json";

    private DefaultWeights() {
    }

    /**
     * Loads {@code file} when given; otherwise the shipped default, from {@code $KROUTE_HOME/weights} (a
     * checkout) or, failing that, from inside the jar.
     */
    public static WeightFile load(Path file) throws WeightFileException {
        WeightFileReader reader = new WeightFileReader();
        if (file != null) {
            return reader.readFile(file);
        }
        String home = System.getenv("KROUTE_HOME");
        if (home != null) {
            Path shipped = Path.of(home, "weights", "default.json");
            if (Files.isRegularFile(shipped)) {
                return reader.readFile(shipped);
            }
        }
        try (InputStream in = DefaultWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new WeightFileException("io", "no weight file given and the shipped default "
                        + "weights/default.json was found neither under $KROUTE_HOME nor inside the jar");
            }
            return reader.readStream(in);
        } catch (IOException e) {
            throw new WeightFileException("io", "cannot read the shipped default weights: " + e.getMessage(), e);
        }
    }
}
