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
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weight file's JSON, read into a {@link RawWeightFile}: streaming, binding only the members the format
 * names (no polymorphic typing), enforcing {@link ReaderLimits} while it reads. Checks the shape of each member
 * (types, lengths, finiteness); how members fit together is {@link ModelAssembly}'s concern.
 */
final class WeightFileJson {
    /** At most this many vectorizers side by side, and calibrated models averaged. */
    static final int MAX_VECTORIZERS = 16;
    static final int MAX_CALIBRATED = 64;

    private final ReaderLimits limits;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    WeightFileJson(ReaderLimits limits) {
        this.limits = limits;
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

    RawWeightFile parse(byte[] bytes) throws WeightFileException {
        try (JsonParser parser = factory.createParser(bytes)) {
            return parseTop(parser);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new WeightFileException("syntax", "expected well-formed JSON within the reader's limits, found: "
                    + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new WeightFileException("io", "cannot read weight file: " + e.getMessage(), e);
        }
    }

    private RawWeightFile parseTop(JsonParser p) throws IOException, WeightFileException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw shape("the file", "a JSON object", p.currentToken());
        }
        RawWeightFile parsed = new RawWeightFile();
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
                case "vectorizer" -> parsed.vectorizer = vectorizer(p, "vectorizer");
                case "vectorizers" -> parsed.vectorizers = vectorizers(p);
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

    private List<RawWeightFile.Vectorizer> vectorizers(JsonParser p) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_ARRAY, "vectorizers", "an array of vectorizers");
        List<RawWeightFile.Vectorizer> vectorizers = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (vectorizers.size() == MAX_VECTORIZERS) {
                throw new WeightFileException("limits", "vectorizers: expected at most " + MAX_VECTORIZERS
                        + ", found more");
            }
            vectorizers.add(vectorizer(p, "vectorizers[" + vectorizers.size() + "]"));
        }
        return vectorizers;
    }

    private RawWeightFile.Vectorizer vectorizer(JsonParser p, String at) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_OBJECT, at, "an object");
        RawWeightFile.Vectorizer v = new RawWeightFile.Vectorizer();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String where = at + "." + name;
            switch (name) {
                case "name" -> v.name = string(p, where);
                case "analyzer" -> v.analyzer = string(p, where);
                case "headWords" -> v.headWords = p.currentToken() == JsonToken.VALUE_NULL ? null : integer(p, where);
                case "tailWords" -> v.tailWords = p.currentToken() == JsonToken.VALUE_NULL ? null : integer(p, where);
                case "kind" -> v.kind = string(p, where);
                case "lowercase" -> v.lowercase = bool(p, where);
                case "tokenPattern" -> v.tokenPattern = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : string(p, where);
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

    private RawWeightFile.Model model(JsonParser p) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_OBJECT, "model", "an object");
        RawWeightFile.Model m = new RawWeightFile.Model();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String where = "model." + name;
            switch (name) {
                case "kind" -> m.kind = string(p, where);
                case "classes" -> m.classes = strings(p, where, limits.maxClasses());
                case "featureLogProb" -> m.featureLogProb = matrix(p, where);
                case "jointLogLikelihoodOffset" -> m.offsets = doubles(p, where, limits.maxClasses());
                case "coef" -> m.coef = matrix(p, where);
                case "intercept" -> m.intercept = doubles(p, where, limits.maxClasses());
                case "probability" -> m.probability = string(p, where);
                case "loss" -> m.loss = string(p, where);
                case "method" -> m.method = string(p, where);
                case "estimators" -> m.estimators = calibratedList(p, where);
                default -> p.skipChildren();
            }
        }
        return m;
    }

    private List<RawWeightFile.Calibrated> calibratedList(JsonParser p, String at)
            throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_ARRAY, at, "an array of calibrated models");
        List<RawWeightFile.Calibrated> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (list.size() == MAX_CALIBRATED) {
                throw new WeightFileException("limits", at + ": expected at most " + MAX_CALIBRATED + ", found more");
            }
            list.add(calibrated(p, at + "[" + list.size() + "]"));
        }
        return list;
    }

    private RawWeightFile.Calibrated calibrated(JsonParser p, String at) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_OBJECT, at, "an object");
        RawWeightFile.Calibrated c = new RawWeightFile.Calibrated();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String where = at + "." + name;
            switch (name) {
                case "estimator" -> c.estimator = string(p, where);
                case "coef" -> c.coef = matrix(p, where);
                case "intercept" -> c.intercept = doubles(p, where, limits.maxClasses());
                case "targets" -> c.targets = ints(p, where, limits.maxClasses());
                case "sigmoidA" -> c.sigmoidA = doubles(p, where, limits.maxClasses());
                case "sigmoidB" -> c.sigmoidB = doubles(p, where, limits.maxClasses());
                default -> p.skipChildren();
            }
        }
        return c;
    }

    private static int[] ints(JsonParser p, String where, int max) throws IOException, WeightFileException {
        expectStart(p, JsonToken.START_ARRAY, where, "an array of integers");
        int[] values = new int[8];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw shape(where + "[" + n + "]", "an integer", t);
            }
            if (n == max) {
                throw new WeightFileException("limits", where + ": expected at most " + max + " integers, found more");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = p.getIntValue();
        }
        return Arrays.copyOf(values, n);
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
}
