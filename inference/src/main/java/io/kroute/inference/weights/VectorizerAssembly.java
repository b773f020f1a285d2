package io.kroute.inference.weights;

import io.kroute.inference.text.CharVectorizer;
import io.kroute.inference.text.FeatureUnion;
import io.kroute.inference.text.TermIndex;
import io.kroute.inference.text.TextVectorizer;
import io.kroute.inference.text.Vectorizer;
import io.kroute.inference.text.WordTokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Builds the vectorizer a weight file describes: format version 1's one word vectorizer, or version 2's
 * vectorizers side by side (a {@link FeatureUnion} unless there is just one word vectorizer over the whole text).
 */
final class VectorizerAssembly {
    static final int MAX_WORD_NGRAM = 8;
    static final int MAX_CHAR_NGRAM = 16;

    private final int maxCharsPerText;

    VectorizerAssembly(int maxCharsPerText) {
        this.maxCharsPerText = maxCharsPerText;
    }

    Vectorizer vectorizer(RawWeightFile f, int version) throws WeightFileException {
        if (version == 1) {
            if (f.vectorizer == null) {
                throw ModelAssembly.missing("vectorizer");
            }
            return word(f.vectorizer, "vectorizer");
        }
        if (f.vectorizers == null) {
            throw ModelAssembly.missing("vectorizers");
        }
        if (f.vectorizers.isEmpty()) {
            throw new WeightFileException("shape", "vectorizers: expected at least one vectorizer, found none");
        }
        List<Vectorizer> parts = new ArrayList<>();
        int[] headWords = new int[f.vectorizers.size()];
        int[] tailWords = new int[f.vectorizers.size()];
        for (int i = 0; i < f.vectorizers.size(); i++) {
            RawWeightFile.Vectorizer v = f.vectorizers.get(i);
            String where = "vectorizers[" + i + "]";
            parts.add(part(v, where));
            headWords[i] = wordCount(v.headWords, "headWords", where);
            tailWords[i] = wordCount(v.tailWords, "tailWords", where);
            if (headWords[i] > 0 && tailWords[i] > 0) {
                throw new WeightFileException("unsupported", where + ": expected headWords or tailWords, found both");
            }
        }
        boolean wholeText = headWords[0] == 0 && tailWords[0] == 0;
        if (parts.size() == 1 && wholeText && parts.get(0) instanceof TextVectorizer only) {
            return only;
        }
        WordTokenizer tokenizer = new WordTokenizer(Boolean.TRUE.equals(f.vectorizers.get(0).lowercase),
                maxCharsPerText);
        return new FeatureUnion(parts, headWords, tailWords, tokenizer);
    }

    private Vectorizer part(RawWeightFile.Vectorizer v, String where) throws WeightFileException {
        if (v.analyzer == null) {
            throw ModelAssembly.missing(where + ".analyzer");
        }
        return switch (v.analyzer) {
            case "word" -> word(v, where);
            case "char" -> characters(v, where, CharVectorizer.Analyzer.CHAR);
            case "char_wb" -> characters(v, where, CharVectorizer.Analyzer.CHAR_WB);
            default -> throw new WeightFileException("unsupported", where + ".analyzer: expected \"word\", \"char\" "
                    + "or \"char_wb\", found \"" + v.analyzer + "\"");
        };
    }

    /** A part's {@code headWords} or {@code tailWords}: 0 when absent (the part reads the whole text). */
    private static int wordCount(Integer words, String member, String where)
            throws WeightFileException {
        if (words == null) {
            return 0;
        }
        if (words < 1) {
            throw new WeightFileException("shape", where + "." + member + ": expected null or an integer >= 1, "
                    + "found " + words);
        }
        return words;
    }

    private TextVectorizer word(RawWeightFile.Vectorizer v, String where) throws WeightFileException {
        common(v, where);
        if (!WeightFileReader.DEFAULT_TOKEN_PATTERN.equals(v.tokenPattern)) {
            throw new WeightFileException("unsupported", where + ".tokenPattern: expected scikit-learn's default "
                    + WeightFileReader.DEFAULT_TOKEN_PATTERN + ", found "
                    + (v.tokenPattern == null ? "none" : v.tokenPattern));
        }
        int[] range = ngramRange(v, where, MAX_WORD_NGRAM);
        TermIndex vocabulary = vocabulary(v, where);
        TermIndex stopWords;
        try {
            stopWords = v.stopWords == null ? null
                    : TermIndex.of(new HashSet<>(List.of(v.stopWords)).toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new WeightFileException("shape", where + ".stopWords: expected words, found " + e.getMessage());
        }
        WordTokenizer tokenizer = new WordTokenizer(v.lowercase, maxCharsPerText);
        if (v.kind.equals("count")) {
            return TextVectorizer.count(tokenizer, vocabulary, stopWords, range[0], range[1], v.binary);
        }
        return TextVectorizer.tfidf(tokenizer, vocabulary, stopWords, range[0], range[1], v.binary,
                idf(v, where), norm(v, where), v.sublinearTf);
    }

    private CharVectorizer characters(RawWeightFile.Vectorizer v, String where, CharVectorizer.Analyzer analyzer)
            throws WeightFileException {
        common(v, where);
        if (v.stopWords != null) {
            throw new WeightFileException("unsupported", where + ".stopWords: expected null with a character "
                    + "analyzer (scikit-learn ignores them), found " + v.stopWords.length + " words");
        }
        int[] range = ngramRange(v, where, MAX_CHAR_NGRAM);
        TermIndex vocabulary = vocabulary(v, where);
        WordTokenizer tokenizer = new WordTokenizer(v.lowercase, maxCharsPerText);
        if (v.kind.equals("count")) {
            return CharVectorizer.count(analyzer, tokenizer, vocabulary, range[0], range[1], v.binary);
        }
        return CharVectorizer.tfidf(analyzer, tokenizer, vocabulary, range[0], range[1], v.binary, idf(v, where),
                norm(v, where), v.sublinearTf);
    }

    private static void common(RawWeightFile.Vectorizer v, String where) throws WeightFileException {
        ModelAssembly.require(v.kind, where + ".kind");
        if (!v.kind.equals("count") && !v.kind.equals("tfidf")) {
            throw new WeightFileException("unsupported", where + ".kind: expected \"count\" or \"tfidf\", found \""
                    + v.kind + "\"");
        }
        if (v.lowercase == null) {
            throw ModelAssembly.missing(where + ".lowercase");
        }
    }

    private static int[] ngramRange(RawWeightFile.Vectorizer v, String where, int longest)
            throws WeightFileException {
        if (v.ngramRange == null) {
            throw ModelAssembly.missing(where + ".ngramRange");
        }
        int min = v.ngramRange[0];
        int max = v.ngramRange[1];
        if (min < 1 || max < min || max > longest) {
            throw new WeightFileException("shape", where + ".ngramRange: expected [min, max] with "
                    + "1 <= min <= max <= " + longest + ", found [" + min + ", " + max + "]");
        }
        return v.ngramRange;
    }

    private static TermIndex vocabulary(RawWeightFile.Vectorizer v, String where) throws WeightFileException {
        if (v.vocabulary == null) {
            throw ModelAssembly.missing(where + ".vocabulary");
        }
        if (v.vocabulary.length == 0) {
            throw new WeightFileException("shape", where + ".vocabulary: expected at least one term, found none");
        }
        try {
            return TermIndex.of(v.vocabulary);
        } catch (IllegalArgumentException e) {
            throw new WeightFileException("shape", where + ".vocabulary: expected distinct terms, found "
                    + e.getMessage());
        }
    }

    private static double[] idf(RawWeightFile.Vectorizer v, String where) throws WeightFileException {
        if (v.idf != null && v.idf.length != v.vocabulary.length) {
            throw new WeightFileException("shape", where + ".idf: expected " + v.vocabulary.length
                    + " values (one per vocabulary term), found " + v.idf.length);
        }
        return v.idf;
    }

    private static TextVectorizer.Norm norm(RawWeightFile.Vectorizer v, String where) throws WeightFileException {
        if (!v.normPresent) {
            throw ModelAssembly.missing(where + ".norm");
        }
        if (v.norm == null) {
            return TextVectorizer.Norm.NONE;
        }
        return switch (v.norm) {
            case "l2" -> TextVectorizer.Norm.L2;
            case "l1" -> TextVectorizer.Norm.L1;
            default -> throw new WeightFileException("unsupported", where + ".norm: expected \"l2\", \"l1\" or "
                    + "null, found \"" + v.norm + "\"");
        };
    }
}
