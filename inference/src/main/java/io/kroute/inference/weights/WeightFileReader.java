package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.Vectorizer;
import io.kroute.inference.text.WordTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates weight files (docs/weights-format.md). Every refusal is a {@link WeightFileException}
 * naming what was expected and what was found. Three steps: {@link WeightFileJson} reads the members,
 * {@link ModelAssembly} builds the classifier they describe, {@link GoldenReplay} proves it reproduces the
 * golden vectors.
 */
public final class WeightFileReader {
    public static final String FORMAT = "kroute-weights";
    /** The newest format version this reader knows; it reads every version from 1 up to it. */
    public static final int FORMAT_VERSION = 2;
    public static final String DEFAULT_TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";

    private final ReaderLimits limits;
    private final WeightFileJson json;
    private final VectorizerAssembly vectorizers;
    private final ModelAssembly models;
    private final GoldenReplay golden;

    public WeightFileReader(ReaderLimits limits, int maxCharsPerText) {
        this.limits = limits;
        this.json = new WeightFileJson(limits);
        this.vectorizers = new VectorizerAssembly(maxCharsPerText);
        this.models = new ModelAssembly();
        this.golden = new GoldenReplay(limits);
    }

    public WeightFileReader() {
        this(ReaderLimits.DEFAULT, WordTokenizer.DEFAULT_MAX_CHARS);
    }

    public static WeightFile read(Path path) throws WeightFileException {
        return new WeightFileReader().readFile(path);
    }

    public static WeightFile read(byte[] bytes) throws WeightFileException {
        return new WeightFileReader().readBytes(bytes);
    }

    public WeightFile readFile(Path path) throws WeightFileException {
        try {
            long size = Files.size(path);
            if (size > limits.maxBytes()) {
                throw tooLarge(size);
            }
            return readBytes(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new WeightFileException("io", "weight file not found: " + path);
        } catch (IOException e) {
            throw new WeightFileException("io", "cannot read weight file " + path + ": " + e.getMessage(), e);
        }
    }

    public WeightFile readStream(InputStream in) throws WeightFileException {
        try {
            byte[] bytes = in.readNBytes(Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1)));
            if (bytes.length > limits.maxBytes()) {
                throw tooLarge(bytes.length);
            }
            return readBytes(bytes);
        } catch (IOException e) {
            throw new WeightFileException("io", "cannot read weight file: " + e.getMessage(), e);
        }
    }

    public WeightFile readBytes(byte[] bytes) throws WeightFileException {
        if (bytes.length == 0) {
            throw new WeightFileException("empty", "expected a JSON weight file, found an empty input");
        }
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge(bytes.length);
        }
        String checksum = Checksum.verify(bytes);
        return assemble(json.parse(bytes), checksum, bytes.length);
    }

    private WeightFileException tooLarge(long size) {
        return new WeightFileException("limits", "expected a weight file of at most " + limits.maxBytes()
                + " bytes, found " + size + " bytes");
    }

    private WeightFile assemble(RawWeightFile f, String checksum, long size) throws WeightFileException {
        checkHeader(f);
        Instant createdAt = createdAt(f.createdAt);
        Vectorizer vectorizer = vectorizers.vectorizer(f, f.formatVersion);
        if (f.model == null) {
            throw ModelAssembly.missing("model");
        }
        TextClassifier classifier = models.classifier(f.model, vectorizer, f.formatVersion);
        if (f.golden == null) {
            throw ModelAssembly.missing("golden");
        }
        double tolerance = GoldenReplay.tolerance(f.golden);
        List<GoldenVector> vectors = golden.vectors(f.golden, classifier.classes().size());
        GoldenReplay.replay(classifier, vectors, tolerance);
        JsonNode anomalySection = f.sections.get("anomaly");
        AnomalyModel anomaly = anomalySection == null ? null : AnomalySection.parse(anomalySection, classifier.classes());
        return new WeightFile(f.formatVersion, f.modelName, f.modelVersion, createdAt, checksum, size, classifier,
                vectors, tolerance, f.training, f.quality, anomaly, Map.copyOf(f.sections));
    }

    private static void checkHeader(RawWeightFile f) throws WeightFileException {
        if (!FORMAT.equals(f.format)) {
            throw new WeightFileException("format", "expected format \"" + FORMAT + "\", found "
                    + (f.format == null ? "no format member" : "\"" + f.format + "\""));
        }
        if (f.formatVersion == null || f.formatVersion < 1 || f.formatVersion > FORMAT_VERSION) {
            throw new WeightFileException("version", "expected formatVersion 1 to " + FORMAT_VERSION
                    + " (the versions this reader knows), found "
                    + (f.formatVersion == null ? "none" : f.formatVersion));
        }
        ModelAssembly.require(f.modelName, "modelName");
        ModelAssembly.require(f.modelVersion, "modelVersion");
        ModelAssembly.require(f.createdAt, "createdAt");
    }

    private static Instant createdAt(String value) throws WeightFileException {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new WeightFileException("shape", "createdAt: expected an ISO-8601 UTC instant such as "
                    + "2026-01-31T12:00:00Z, found \"" + value + "\"");
        }
    }
}
