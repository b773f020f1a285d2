package io.kroute.inference.weights;

import io.kroute.inference.classify.LinearScores;
import io.kroute.inference.classify.ModelKind;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.TermIndex;
import io.kroute.inference.text.TextVectorizer;
import io.kroute.inference.text.WordTokenizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the vectorizer and classifier a weight file describes, refusing members that do not fit together
 * (a coefficient matrix whose shape is not classes x vocabulary, an unknown kind, ...).
 */
final class ModelAssembly {
    private final int maxCharsPerText;

    ModelAssembly(int maxCharsPerText) {
        this.maxCharsPerText = maxCharsPerText;
    }

    TextVectorizer vectorizer(RawWeightFile.Vectorizer v) throws WeightFileException {
        require(v.kind, "vectorizer.kind");
        if (v.lowercase == null) {
            throw missing("vectorizer.lowercase");
        }
        if (!WeightFileReader.DEFAULT_TOKEN_PATTERN.equals(v.tokenPattern)) {
            throw new WeightFileException("unsupported", "vectorizer.tokenPattern: expected scikit-learn's default "
                    + WeightFileReader.DEFAULT_TOKEN_PATTERN + ", found "
                    + (v.tokenPattern == null ? "none" : v.tokenPattern));
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
            stopWords = v.stopWords == null ? null
                    : TermIndex.of(new HashSet<>(List.of(v.stopWords)).toArray(new String[0]));
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
                TextVectorizer.Norm norm = norm(v);
                return TextVectorizer.tfidf(tokenizer, vocabulary, stopWords, min, max, v.binary, v.idf, norm,
                        v.sublinearTf);
            }
            default -> throw new WeightFileException("unsupported", "vectorizer.kind: expected \"count\" or "
                    + "\"tfidf\", found \"" + v.kind + "\"");
        }
    }

    private static TextVectorizer.Norm norm(RawWeightFile.Vectorizer v) throws WeightFileException {
        if (!v.normPresent) {
            throw missing("vectorizer.norm");
        }
        if (v.norm == null) {
            return TextVectorizer.Norm.NONE;
        }
        return switch (v.norm) {
            case "l2" -> TextVectorizer.Norm.L2;
            case "l1" -> TextVectorizer.Norm.L1;
            default -> throw new WeightFileException("unsupported", "vectorizer.norm: expected \"l2\", \"l1\" or "
                    + "null, found \"" + v.norm + "\"");
        };
    }

    TextClassifier classifier(RawWeightFile.Model m, TextVectorizer vectorizer) throws WeightFileException {
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

    static void require(String value, String where) throws WeightFileException {
        if (value == null) {
            throw missing(where);
        }
        if (value.isBlank()) {
            throw new WeightFileException("shape", where + ": expected a non-empty string, found \"" + value + "\"");
        }
    }

    static WeightFileException missing(String where) {
        return new WeightFileException("shape", "expected member " + where + ", found none");
    }
}
