package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a weight file says, member by member, before the members are checked against one another. */
final class RawWeightFile {
    String format;
    Integer formatVersion;
    String modelName;
    String modelVersion;
    String createdAt;
    JsonNode training;
    JsonNode quality;
    JsonNode golden;
    /** Format version 1's one vectorizer. */
    Vectorizer vectorizer;
    /** Format version 2's vectorizers, in column order. */
    List<Vectorizer> vectorizers;
    Model model;
    /** Top-level object members the reader does not bind ({@code anomaly}, {@code bandit}, ...). */
    final Map<String, JsonNode> sections = new LinkedHashMap<>();

    static final class Vectorizer {
        String name;
        /** Null in format version 1, whose vectorizers are word vectorizers. */
        String analyzer;
        Integer headWords;
        Integer tailWords;
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

    static final class Model {
        String kind;
        String[] classes;
        double[][] featureLogProb;
        double[] offsets;
        double[][] coef;
        double[] intercept;
        String probability;
        String loss;
        String method;
        List<Calibrated> estimators;
    }

    static final class Calibrated {
        String estimator;
        double[][] coef;
        double[] intercept;
        int[] targets;
        double[] sigmoidA;
        double[] sigmoidB;
    }
}
