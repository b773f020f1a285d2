package io.kroute.inference.weights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.LinearScores;
import io.kroute.inference.classify.ModelKind;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.TermIndex;
import io.kroute.inference.text.TextVectorizer;
import io.kroute.inference.text.WordTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates weight files (docs/weights-format.md). Every refusal is a {@link WeightFileException}
 * naming what was expected and what was found. The reader is streaming, binds only the members the format
 * names (no polymorphic typing), and enforces {@link ReaderLimits} while it reads.
 */
public final class WeightFileReader {
    public static final String FORMAT = "kroute-weights";
    public static final int FORMAT_VERSION = 1;
    public static final String DEFAULT_TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";
    /** Golden tolerances looser than this would let a wrong model through. */
    private static final double MAX_GOLDEN_TOLERANCE = 1e-6;

    private final ReaderLimits limits;
    private final int maxCharsPerText;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public WeightFileReader(ReaderLimits limits, int maxCharsPerText) {
        this.limits = limits;
        this.maxCharsPerText = maxCharsPerText;
        this.factory = JsonFactory.builder()
                // NaN and Infinity are parsed so they can be refused with their position, not a syntax error.
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(Math.toIntExact(Math.min(Integer.MAX_VALUE, limits.maxBytes())))
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
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
        Parsed parsed;
        try (JsonParser parser = factory.createParser(bytes)) {
            parsed = parseTop(parser);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new WeightFileException("syntax", "expected well-formed JSON within the reader's limits, found: "
                    + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new WeightFileException("io", "cannot read weight file: " + e.getMessage(), e);
        }
        return assemble(parsed, checksum, bytes.length);
    }

    private WeightFileException tooLarge(long size) {
        return new WeightFileException("limits", "expected a weight file of at most " + limits.maxBytes()
                + " bytes, found " + size + " bytes");
    }

    // ---- parsing -------------------------------------------------------------------------------------------

    /** What the file says, before cross-member validation. */
    private static final class Parsed {
        String format;
        Integer formatVersion;
        String modelName;
        String modelVersion;
        String createdAt;
        JsonNode training;
        JsonNode quality;
        JsonNode golden;
        Vectorizer vectorizer;
        Model model;
        final Map<String, JsonNode> sections = new LinkedHashMap<>();
    }

    private static final class Vectorizer {
        String kind;
        Boolean lowercase;
        String tokenPattern;
        int[] ngramRange;
        boolean binary;
        String[] stopWords;
        String[] vocabulary;
        double[] idf;
        String norm;
        boolean normPresent;
        boolean sublinearTf;
    }

    private static final class Model {
        String kind;
        String[] classes;
        double[][] featureLogProb;
        double[] offsets;
    }

    private Parsed parseTop(JsonParser p) throws IOException, WeightFileException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw shape("the file", "a JSON object", p.currentToken());
        }
        Parsed parsed = new Parsed();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "format" -> parsed.format = string(p, "format");
                case "formatVersion" -> parsed.formatVersion = integer(p, "formatVersion");
                case "modelName" -> parsed.modelName = string(p, "modelName");
                case "modelVersion" -> parsed.modelVersion = string(p, "modelVersion");
                case "createdAt" -> parsed.createdAt = string(p, "createdAt");
                case "training" -> parsed.training = tree(p, "training");
                case "quality" -> parsed.quality = tree(p, "quality");
                case "golden" -> parsed.golden = tree(p, "golden");
                case "vectorizer" -> parsed.vectorizer = vectorizer(p);
                case "model" -> parsed.model = model(p);
                case "checksum" -> string(p, "checksum");
                default -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        parsed.sections.put(name, mapper.readTree(p));
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw shape("the file", "the end of the top-level object", p.currentToken());
        }
        if (p.nextToken() != null) {
            throw shape("the file", "nothing after the top-level object", p.currentToken());
        }
        return parsed;
    }

    private Vectorizer vectorizer(JsonParser p) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_OBJECT, "vectorizer", "an object");
        Vectorizer v = new Vectorizer();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String where = "vectorizer." + name;
            switch (name) {
                case "kind" -> v.kind = string(p, where);
                case "lowercase" -> v.lowercase = bool(p, where);
                case "tokenPattern" -> v.tokenPattern = string(p, where);
                case "ngramRange" -> v.ngramRange = intArray(p, where, 2);
                case "binary" -> v.binary = bool(p, where);
                case "stopWords" -> v.stopWords = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : strings(p, where, limits.maxVocabulary());
                case "vocabulary" -> v.vocabulary = strings(p, where, limits.maxVocabulary());
                case "idf" -> v.idf = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : doubles(p, where, limits.maxVocabulary());
                case "norm" -> {
                    v.normPresent = true;
                    v.norm = p.currentToken() == JsonToken.VALUE_NULL ? null : string(p, where);
                }
                case "sublinearTf" -> v.sublinearTf = bool(p, where);
                default -> p.skipChildren();
            }
        }
        return v;
    }

    private Model model(JsonParser p) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_OBJECT, "model", "an object");
        Model m = new Model();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String where = "model." + name;
            switch (name) {
                case "kind" -> m.kind = string(p, where);
                case "classes" -> m.classes = strings(p, where, limits.maxClasses());
                case "featureLogProb" -> m.featureLogProb = matrix(p, where);
                case "jointLogLikelihoodOffset" -> m.offsets = doubles(p, where, limits.maxClasses());
                default -> p.skipChildren();
            }
        }
        return m;
    }

    private double[][] matrix(JsonParser p, String where) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_ARRAY, where, "an array of rows, one per class");
        List<double[]> rows = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (rows.size() == limits.maxClasses()) {
                throw new WeightFileException("limits", where + ": expected at most " + limits.maxClasses()
                        + " rows (classes), found more");
            }
            rows.add(doubles(p, where + "[" + rows.size() + "]", limits.maxVocabulary()));
        }
        return rows.toArray(new double[0][]);
    }

    private static double[] doubles(JsonParser p, String where, int max) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_ARRAY, where, "an array of numbers");
        double[] values = new double[64];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw shape(where + "[" + n + "]", "a number", t);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw new WeightFileException("non-finite", where + "[" + n + "]: expected a finite number, found "
                        + p.getText());
            }
            if (n == max) {
                throw new WeightFileException("limits", where + ": expected at most " + max + " numbers, found more");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = value;
        }
        return Arrays.copyOf(values, n);
    }

    private String[] strings(JsonParser p, String where, int max) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_ARRAY, where, "an array of strings");
        List<String> values = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw shape(where + "[" + values.size() + "]", "a string", t);
            }
            if (values.size() == max) {
                throw new WeightFileException("limits", where + ": expected at most " + max + " entries, found more");
            }
            String value = p.getText();
            if (value.length() > limits.maxTermLength()) {
                throw new WeightFileException("limits", where + "[" + values.size() + "]: expected at most "
                        + limits.maxTermLength() + " characters, found " + value.length());
            }
            values.add(value);
        }
        return values.toArray(new String[0]);
    }

    private static int[] intArray(JsonParser p, String where, int length) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_ARRAY, where, "an array of " + length + " integers");
        int[] values = new int[length];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw shape(where + "[" + n + "]", "an integer", t);
            }
            if (n == length) {
                throw new WeightFileException("shape", where + ": expected " + length + " integers, found more");
            }
            values[n++] = p.getIntValue();
        }
        if (n != length) {
            throw new WeightFileException("shape", where + ": expected " + length + " integers, found " + n);
        }
        return values;
    }

    private static String string(JsonParser p, String where) throws IOException, WeightFileException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw shape(where, "a string", p.currentToken());
        }
        return p.getText();
    }

    private static Integer integer(JsonParser p, String where) throws IOException, WeightFileException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw shape(where, "an integer", p.currentToken());
        }
        return p.getIntValue();
    }

    private static boolean bool(JsonParser p, String where) throws WeightFileException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw shape(where, "true or false", t);
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private JsonNode tree(JsonParser p, String where) throws IOException, WeightFileException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw shape(where, "an object", p.currentToken());
        }
        return mapper.readTree(p);
    }

    private static void expectStart(JsonParser p, JsonToken expected, String where, String what)
            throws WeightFileException {
        if (p.currentToken() != expected) {
            throw shape(where, what, p.currentToken());
        }
    }

    private static WeightFileException shape(String where, String expected, JsonToken found) {
        return new WeightFileException("shape", where + ": expected " + expected + ", found " + describe(found));
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    // ---- validation and assembly ---------------------------------------------------------------------------

    private WeightFile assemble(Parsed f, String checksum, long size) throws WeightFileException {
        if (!FORMAT.equals(f.format)) {
            throw new WeightFileException("format", "expected format \"" + FORMAT + "\", found "
                    + (f.format == null ? "no format member" : "\"" + f.format + "\""));
        }
        if (f.formatVersion == null || f.formatVersion != FORMAT_VERSION) {
            throw new WeightFileException("version", "expected formatVersion " + FORMAT_VERSION
                    + " (the only version this reader knows), found "
                    + (f.formatVersion == null ? "none" : f.formatVersion));
        }
        require(f.modelName, "modelName");
        require(f.modelVersion, "modelVersion");
        require(f.createdAt, "createdAt");
        Instant createdAt;
        try {
            createdAt = Instant.parse(f.createdAt);
        } catch (DateTimeParseException e) {
            throw new WeightFileException("shape", "createdAt: expected an ISO-8601 UTC instant such as "
                    + "2026-01-31T12:00:00Z, found \"" + f.createdAt + "\"");
        }
        if (f.vectorizer == null) {
            throw missing("vectorizer");
        }
        if (f.model == null) {
            throw missing("model");
        }
        TextVectorizer vectorizer = buildVectorizer(f.vectorizer);
        TextClassifier classifier = buildClassifier(f.model, vectorizer);
        if (f.golden == null) {
            throw missing("golden");
        }
        double tolerance = goldenTolerance(f.golden);
        List<GoldenVector> golden = goldenVectors(f.golden, classifier.classes().size());
        replay(classifier, golden, tolerance);
        JsonNode anomalySection = f.sections.get("anomaly");
        AnomalyModel anomaly = anomalySection == null ? null : AnomalySection.parse(anomalySection, classifier.classes());
        return new WeightFile(f.formatVersion, f.modelName, f.modelVersion, createdAt, checksum, size, classifier,
                golden, tolerance, f.training, f.quality, anomaly, Map.copyOf(f.sections));
    }

    private TextVectorizer buildVectorizer(Vectorizer v) throws WeightFileException {
        require(v.kind, "vectorizer.kind");
        if (v.lowercase == null) {
            throw missing("vectorizer.lowercase");
        }
        if (!DEFAULT_TOKEN_PATTERN.equals(v.tokenPattern)) {
            throw new WeightFileException("unsupported", "vectorizer.tokenPattern: expected scikit-learn's default "
                    + DEFAULT_TOKEN_PATTERN + ", found " + (v.tokenPattern == null ? "none" : v.tokenPattern));
        }
        if (v.ngramRange == null) {
            throw missing("vectorizer.ngramRange");
        }
        int min = v.ngramRange[0];
        int max = v.ngramRange[1];
        if (min < 1 || max < min || max > 8) {
            throw new WeightFileException("shape", "vectorizer.ngramRange: expected [min, max] with "
                    + "1 <= min <= max <= 8, found [" + min + ", " + max + "]");
        }
        if (v.vocabulary == null) {
            throw missing("vectorizer.vocabulary");
        }
        if (v.vocabulary.length == 0) {
            throw new WeightFileException("shape", "vectorizer.vocabulary: expected at least one term, found none");
        }
        TermIndex vocabulary;
        TermIndex stopWords;
        try {
            vocabulary = TermIndex.of(v.vocabulary);
            stopWords = v.stopWords == null ? null : TermIndex.of(new HashSet<>(List.of(v.stopWords)).toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new WeightFileException("shape", "vectorizer.vocabulary: expected distinct terms, found "
                    + e.getMessage());
        }
        WordTokenizer tokenizer = new WordTokenizer(v.lowercase, maxCharsPerText);
        switch (v.kind) {
            case "count" -> {
                return TextVectorizer.count(tokenizer, vocabulary, stopWords, min, max, v.binary);
            }
            case "tfidf" -> {
                if (v.idf != null && v.idf.length != v.vocabulary.length) {
                    throw new WeightFileException("shape", "vectorizer.idf: expected " + v.vocabulary.length
                            + " values (one per vocabulary term), found " + v.idf.length);
                }
                if (!v.normPresent) {
                    throw missing("vectorizer.norm");
                }
                TextVectorizer.Norm norm;
                if (v.norm == null) {
                    norm = TextVectorizer.Norm.NONE;
                } else if (v.norm.equals("l2")) {
                    norm = TextVectorizer.Norm.L2;
                } else if (v.norm.equals("l1")) {
                    norm = TextVectorizer.Norm.L1;
                } else {
                    throw new WeightFileException("unsupported", "vectorizer.norm: expected \"l2\", \"l1\" or null, "
                            + "found \"" + v.norm + "\"");
                }
                return TextVectorizer.tfidf(tokenizer, vocabulary, stopWords, min, max, v.binary, v.idf, norm,
                        v.sublinearTf);
            }
            default -> throw new WeightFileException("unsupported", "vectorizer.kind: expected \"count\" or "
                    + "\"tfidf\", found \"" + v.kind + "\"");
        }
    }

    private TextClassifier buildClassifier(Model m, TextVectorizer vectorizer) throws WeightFileException {
        require(m.kind, "model.kind");
        ModelKind kind = ModelKind.fromFileName(m.kind);
        if (kind == null) {
            throw new WeightFileException("unsupported", "model.kind: expected \"multinomial_nb\" or "
                    + "\"complement_nb\", found \"" + m.kind + "\"");
        }
        if (m.classes == null) {
            throw missing("model.classes");
        }
        if (m.classes.length == 0) {
            throw new WeightFileException("shape", "model.classes: expected at least one class, found none");
        }
        Set<String> distinct = new HashSet<>();
        for (String label : m.classes) {
            if (!distinct.add(label)) {
                throw new WeightFileException("shape", "model.classes: expected distinct labels, found \""
                        + label + "\" twice");
            }
        }
        if (m.featureLogProb == null) {
            throw missing("model.featureLogProb");
        }
        int classes = m.classes.length;
        int features = vectorizer.featureCount();
        if (m.featureLogProb.length != classes) {
            throw new WeightFileException("shape", "model.featureLogProb: expected " + classes + " x " + features
                    + " (classes x vocabulary), found " + m.featureLogProb.length + " rows");
        }
        for (int c = 0; c < classes; c++) {
            if (m.featureLogProb[c].length != features) {
                throw new WeightFileException("shape", "model.featureLogProb: expected " + classes + " x "
                        + features + " (classes x vocabulary), found row " + c + " with "
                        + m.featureLogProb[c].length + " values");
            }
        }
        if (m.offsets == null) {
            throw missing("model.jointLogLikelihoodOffset");
        }
        if (m.offsets.length != classes) {
            throw new WeightFileException("shape", "model.jointLogLikelihoodOffset: expected " + classes
                    + " values (one per class), found " + m.offsets.length);
        }
        return new TextClassifier(kind, List.of(m.classes), vectorizer, new LinearScores(m.featureLogProb, m.offsets));
    }

    private static double goldenTolerance(JsonNode golden) throws WeightFileException {
        JsonNode t = golden.get("tolerance");
        if (t == null || !t.isNumber() || !Double.isFinite(t.doubleValue()) || t.doubleValue() <= 0
                || t.doubleValue() > MAX_GOLDEN_TOLERANCE) {
            throw new WeightFileException("shape", "golden.tolerance: expected a number in (0, "
                    + MAX_GOLDEN_TOLERANCE + "], found " + (t == null ? "none" : t.toString()));
        }
        return t.doubleValue();
    }

    private List<GoldenVector> goldenVectors(JsonNode golden, int classes) throws WeightFileException {
        JsonNode vectors = golden.get("vectors");
        if (vectors == null || !vectors.isArray() || vectors.isEmpty()) {
            throw new WeightFileException("golden", "golden.vectors: expected a non-empty array of "
                    + "{text, label, probabilities}, found " + (vectors == null ? "none" : vectors.getNodeType()));
        }
        if (vectors.size() > limits.maxGoldenVectors()) {
            throw new WeightFileException("limits", "golden.vectors: expected at most "
                    + limits.maxGoldenVectors() + ", found " + vectors.size());
        }
        List<GoldenVector> result = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            JsonNode v = vectors.get(i);
            String where = "golden.vectors[" + i + "]";
            JsonNode text = v.get("text");
            JsonNode label = v.get("label");
            JsonNode probabilities = v.get("probabilities");
            if (text == null || !text.isTextual() || label == null || !label.isTextual() || probabilities == null
                    || !probabilities.isArray()) {
                throw new WeightFileException("shape", where + ": expected {\"text\": string, \"label\": string, "
                        + "\"probabilities\": [numbers]}, found " + abbreviate(v.toString()));
            }
            if (probabilities.size() != classes) {
                throw new WeightFileException("shape", where + ".probabilities: expected " + classes
                        + " values (one per class), found " + probabilities.size());
            }
            double[] p = new double[classes];
            for (int c = 0; c < classes; c++) {
                JsonNode value = probabilities.get(c);
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    throw new WeightFileException("non-finite", where + ".probabilities[" + c
                            + "]: expected a finite number, found " + value);
                }
                p[c] = value.doubleValue();
            }
            result.add(new GoldenVector(text.textValue(), label.textValue(), p));
        }
        return List.copyOf(result);
    }

    private static void replay(TextClassifier classifier, List<GoldenVector> golden, double tolerance)
            throws WeightFileException {
        for (int i = 0; i < golden.size(); i++) {
            GoldenVector g = golden.get(i);
            Classification actual = classifier.classify(g.text());
            for (int c = 0; c < g.probabilities().length; c++) {
                double difference = Math.abs(actual.probabilities()[c] - g.probabilities()[c]);
                if (!(difference <= tolerance)) {
                    throw new WeightFileException("golden", "golden.vectors[" + i + "] (" + abbreviate(g.text())
                            + "): expected P(" + classifier.classes().get(c) + ") = " + g.probabilities()[c]
                            + " within " + tolerance + ", found " + actual.probabilities()[c]
                            + " — the weights do not reproduce the model they were exported from");
                }
            }
            if (!actual.label().equals(g.label())) {
                throw new WeightFileException("golden", "golden.vectors[" + i + "] (" + abbreviate(g.text())
                        + "): expected label \"" + g.label() + "\", found \"" + actual.label() + "\"");
            }
        }
    }

    private static void require(String value, String where) throws WeightFileException {
        if (value == null) {
            throw missing(where);
        }
        if (value.isBlank()) {
            throw new WeightFileException("shape", where + ": expected a non-empty string, found \"" + value + "\"");
        }
    }

    private static WeightFileException missing(String where) {
        return new WeightFileException("shape", "expected member " + where + ", found none");
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() <= 60 ? "\"" + oneLine + "\"" : "\"" + oneLine.substring(0, 57) + "...\"";
    }
}
