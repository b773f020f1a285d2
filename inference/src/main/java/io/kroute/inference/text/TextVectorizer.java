package io.kroute.inference.text;

import java.util.Objects;

/**
 * scikit-learn's {@code CountVectorizer} and {@code TfidfVectorizer} (word analyzer) at transform time.
 *
 * <p>Values are computed in the same order of floating-point operations as scikit-learn: counts, then
 * {@code 1 + ln(tf)} when sub-linear, times idf, then the row norm summed in ascending feature order.
 * Immutable and thread-safe.
 */
public final class TextVectorizer implements Vectorizer {

    public enum Kind { COUNT, TFIDF }

    public enum Norm { NONE, L1, L2 }

    private final Kind kind;
    private final WordTokenizer tokenizer;
    private final TermIndex vocabulary;
    private final TermIndex stopWords;
    private final int ngramMin;
    private final int ngramMax;
    private final FeatureWeights weights;

    private TextVectorizer(Kind kind, WordTokenizer tokenizer, TermIndex vocabulary, TermIndex stopWords,
            int ngramMin, int ngramMax, boolean binary, double[] idf, Norm norm, boolean sublinearTf) {
        this.kind = Objects.requireNonNull(kind);
        this.tokenizer = Objects.requireNonNull(tokenizer);
        this.vocabulary = Objects.requireNonNull(vocabulary);
        this.stopWords = stopWords;
        if (ngramMin < 1 || ngramMax < ngramMin) {
            throw new IllegalArgumentException("n-gram range must satisfy 1 <= min <= max, found ["
                    + ngramMin + ", " + ngramMax + "]");
        }
        this.ngramMin = ngramMin;
        this.ngramMax = ngramMax;
        this.weights = new FeatureWeights(kind, binary, idf, norm, sublinearTf, vocabulary.size());
    }

    public static TextVectorizer count(WordTokenizer tokenizer, TermIndex vocabulary, TermIndex stopWords,
            int ngramMin, int ngramMax, boolean binary) {
        return new TextVectorizer(Kind.COUNT, tokenizer, vocabulary, stopWords, ngramMin, ngramMax, binary,
                null, Norm.NONE, false);
    }

    /** {@code idf} may be null for {@code use_idf=False}. */
    public static TextVectorizer tfidf(WordTokenizer tokenizer, TermIndex vocabulary, TermIndex stopWords,
            int ngramMin, int ngramMax, boolean binary, double[] idf, Norm norm, boolean sublinearTf) {
        return new TextVectorizer(Kind.TFIDF, tokenizer, vocabulary, stopWords, ngramMin, ngramMax, binary,
                idf, norm, sublinearTf);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String describe() {
        return "word " + ngramMin + "-" + ngramMax + "-grams, " + vocabulary.size() + " terms, "
                + (tokenizer.lowercase() ? "lowercase, " : "") + (stopWords != null ? stopWords.size() + " stop words, "
                : "") + weights.describe();
    }

    @Override
    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    public TermIndex vocabulary() {
        return vocabulary;
    }

    @Override
    public int featureCount() {
        return vocabulary.size();
    }

    public int ngramMin() {
        return ngramMin;
    }

    public int ngramMax() {
        return ngramMax;
    }

    /** Vectorizes {@code text} into {@code out}, replacing its previous content (tokens included). */
    @Override
    public void transform(CharSequence text, SparseFeatures out) {
        TokenBuffer tokens = out.tokens;
        tokenizer.scan(text, tokens, out.stats);
        out.scannedTokens = tokens.count;
        if (stopWords != null) {
            removeStopWords(tokens, out);
        }
        out.startHits(vocabulary.size());
        out.tokenFeaturesLooked = ngramMin == 1;
        int count = tokens.count;
        for (int n = ngramMin; n <= ngramMax; n++) {
            if (n == 1) {
                out.ensureLookupRoom(count);
                int[] features = out.tokenFeatures;
                vocabulary.indexOfTokens(tokens, out.lookupScratch, features);
                // The most frequent known token comes with the counting (the anomaly filter's top-token share).
                int top = 0;
                for (int t = 0; t < count; t++) {
                    if (features[t] >= 0) {
                        top = Math.max(top, out.addHit(features[t]));
                    }
                }
                out.knownTokens = out.hitCount;
                out.topKnownTokenCount = Math.max(top, out.largestOverflowedCount());
                continue;
            }
            for (int first = 0; first + n <= count; first++) {
                int feature = vocabulary.indexOf(tokens, first, n);
                if (feature >= 0) {
                    out.addHit(feature);
                }
            }
        }
        if (ngramMin > 1) {
            // Without unigrams in the vocabulary no token can be known.
            out.knownTokens = 0;
            out.topKnownTokenCount = 0;
        }
        if (out.redundancy != null) {
            if (ngramMin > 1) {
                // The unigram lookup did not run: the tokens' keys are still to be built.
                out.ensureLookupRoom(count);
                for (int t = 0; t < count; t++) {
                    TermIndex.keyOf(tokens.chars, tokens.starts[t], tokens.ends[t], out.lookupScratch, 3 * t);
                }
            }
            out.redundancy.gather(out.lookupScratch, count);
        }
        out.aggregateHits();
        weights.apply(out);
    }

    private void removeStopWords(TokenBuffer tokens, SparseFeatures out) {
        boolean[] keep = out.keepArray(tokens.count);
        out.ensureLookupRoom(tokens.count);
        int[] found = out.tokenFeatures;
        stopWords.indexOfTokens(tokens, out.lookupScratch, found);
        boolean any = false;
        for (int t = 0; t < tokens.count; t++) {
            keep[t] = found[t] < 0;
            any |= !keep[t];
        }
        if (any) {
            tokens.retain(keep);
        }
    }
}
