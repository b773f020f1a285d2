package io.kroute.inference.weights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
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
    Vectorizer vectorizer;
    Model model;
    /** Top-level object members the reader does not bind ({@code anomaly}, {@code bandit}, ...). */
    final Map<String, JsonNode> sections = new LinkedHashMap<>();

    static final class Vectorizer {
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
    }
}
