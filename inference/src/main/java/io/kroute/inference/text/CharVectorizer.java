package io.kroute.inference.text;

import java.util.Objects;

/**
 * scikit-learn's {@code CountVectorizer} and {@code TfidfVectorizer} with {@code analyzer="char"} or
 * {@code "char_wb"} at transform time.
 *
 * <p>As scikit-learn: the text is lower-cased with Python's {@code str.lower} (when asked), then every run of two
 * or more whitespace characters becomes one space (a single whitespace character stays as it is). {@code char}
 * takes every n-gram of the whole text; {@code char_wb} splits it into words at whitespace, pads each with a
 * space on both sides, and takes the n-grams inside each padded word, a padded word shorter than n once. N-grams
 * count code points. Whitespace is what Python's {@code \s} matches. Only the first {@code maxChars} characters
 * are examined, as by the word tokenizer. Immutable and thread-safe.
 */
public final class CharVectorizer implements Vectorizer {

    public enum Analyzer { CHAR, CHAR_WB }

    private final Analyzer analyzer;
    private final WordTokenizer tokenizer;
    private final TermIndex vocabulary;
    private final int ngramMin;
    private final int ngramMax;
    private final FeatureWeights weights;

    private CharVectorizer(Analyzer analyzer, WordTokenizer tokenizer, TermIndex vocabulary, int ngramMin,
            int ngramMax, FeatureWeights weights) {
        this.analyzer = Objects.requireNonNull(analyzer);
        this.tokenizer = Objects.requireNonNull(tokenizer);
        this.vocabulary = Objects.requireNonNull(vocabulary);
        if (ngramMin < 1 || ngramMax < ngramMin) {
            throw new IllegalArgumentException("n-gram range must satisfy 1 <= min <= max, found ["
                    + ngramMin + ", " + ngramMax + "]");
        }
        this.ngramMin = ngramMin;
        this.ngramMax = ngramMax;
        this.weights = weights;
    }

    /**
     * @param tokenizer gives the lower-casing and the examined length; also the word pass the anomaly filter
     *     reads when no word vectorizer makes one
     */
    public static CharVectorizer count(Analyzer analyzer, WordTokenizer tokenizer, TermIndex vocabulary,
            int ngramMin, int ngramMax, boolean binary) {
        return new CharVectorizer(analyzer, tokenizer, vocabulary, ngramMin, ngramMax, new FeatureWeights(
                TextVectorizer.Kind.COUNT, binary, null, TextVectorizer.Norm.NONE, false, vocabulary.size()));
    }

    /** {@code idf} may be null for {@code use_idf=False}. */
    public static CharVectorizer tfidf(Analyzer analyzer, WordTokenizer tokenizer, TermIndex vocabulary,
            int ngramMin, int ngramMax, boolean binary, double[] idf, TextVectorizer.Norm norm, boolean sublinearTf) {
        return new CharVectorizer(analyzer, tokenizer, vocabulary, ngramMin, ngramMax, new FeatureWeights(
                TextVectorizer.Kind.TFIDF, binary, idf, norm, sublinearTf, vocabulary.size()));
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public TermIndex vocabulary() {
        return vocabulary;
    }

    @Override
    public int featureCount() {
        return vocabulary.size();
    }

    @Override
    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public String describe() {
        return (analyzer == Analyzer.CHAR ? "char " : "char_wb ") + ngramMin + "-" + ngramMax + "-grams, "
                + vocabulary.size() + " terms, " + (tokenizer.lowercase() ? "lowercase, " : "") + weights.describe();
    }

    /**
     * Vectorizes {@code text} into {@code out}'s features. Leaves {@code out}'s word tokens alone: the word pass
     * is made by whoever needs it ({@link FeatureUnion}).
     */
    @Override
    public void transform(CharSequence text, SparseFeatures out) {
        CharGrams g = out.charGrams();
        int n = tokenizer.examinedLength(text);
        g.clear(n);
        if (analyzer == Analyzer.CHAR) {
            normaliseWhitespace(text, n, g);
            wholeTextGrams(g);
        } else {
            paddedWords(text, n, g);
            wordGrams(g);
        }
        TokenBuffer grams = g.grams;
        g.ensureLookupRoom(grams.count);
        vocabulary.indexOfTokens(grams, g.lookupScratch, g.gramFeatures);
        out.startHits(vocabulary.size());
        int[] features = g.gramFeatures;
        for (int i = 0; i < grams.count; i++) {
            if (features[i] >= 0) {
                out.addHit(features[i]);
            }
        }
        out.aggregateHits();
        weights.apply(out);
    }

    /** The lower-cased text with each run of two or more whitespace characters replaced by one space. */
    private void normaliseWhitespace(CharSequence text, int n, CharGrams g) {
        int i = 0;
        while (i < n) {
            int cp = Character.codePointAt(text, i);
            if (isWhitespace(cp)) {
                int end = i + Character.charCount(cp);
                int run = 1;
                while (end < n && isWhitespace(text.charAt(end))) {
                    end++;
                    run++;
                }
                g.append(run >= 2 ? ' ' : cp);
                i = end;
                continue;
            }
            i = appendLowered(text, i, n, cp, g);
        }
        g.finish();
    }

    /** Each whitespace-separated word of the lower-cased text, with a space before and after it. */
    private void paddedWords(CharSequence text, int n, CharGrams g) {
        int i = 0;
        int wordStart = -1;
        while (i < n) {
            int cp = Character.codePointAt(text, i);
            if (isWhitespace(cp)) {
                if (wordStart >= 0) {
                    g.append(' ');
                    g.addWord(wordStart, g.codePoints);
                    wordStart = -1;
                }
                i += Character.charCount(cp);
                continue;
            }
            if (wordStart < 0) {
                wordStart = g.codePoints;
                g.append(' ');
            }
            i = appendLowered(text, i, n, cp, g);
        }
        if (wordStart >= 0) {
            g.append(' ');
            g.addWord(wordStart, g.codePoints);
        }
        g.finish();
    }

    /** Appends code point {@code cp} at {@code i} as Python's {@code str.lower} of the text maps it; returns the next index. */
    private int appendLowered(CharSequence text, int i, int n, int cp, CharGrams g) {
        int next = i + Character.charCount(cp);
        if (!tokenizer.lowercase()) {
            g.append(cp);
        } else if (cp < 128) {
            g.append(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else if (cp == 0x0130) {
            // "İ".lower() is "i" + U+0307, two code points.
            g.append('i');
            g.append(0x0307);
        } else if (cp == 0x03A3) {
            g.append(PythonCase.isFinalSigma(text, i, n) ? 0x03C2 : 0x03C3);
        } else {
            g.append(UnicodeTables.toLower(cp));
        }
        return next;
    }

    private void wholeTextGrams(CharGrams g) {
        int m = g.codePoints;
        int shortest = ngramMin;
        if (shortest == 1) {
            for (int i = 0; i < m; i++) {
                g.addGram(i, 1);
            }
            shortest = 2;
        }
        int longest = Math.min(ngramMax, m);
        for (int n = shortest; n <= longest; n++) {
            for (int i = 0; i + n <= m; i++) {
                g.addGram(i, n);
            }
        }
    }

    private void wordGrams(CharGrams g) {
        for (int w = 0; w < g.words; w++) {
            int start = g.wordStarts[w];
            int length = g.wordEnds[w] - start;
            for (int n = ngramMin; n <= ngramMax; n++) {
                if (length <= n) {
                    // A padded word no longer than n is one n-gram, counted once whatever n.
                    g.addGram(start, length);
                    break;
                }
                for (int i = 0; i + n <= length; i++) {
                    g.addGram(start + i, n);
                }
            }
        }
    }

    /** Python's {@code \s} (and {@code str.isspace}): the code points scikit-learn's analyzers treat as whitespace. */
    static boolean isWhitespace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        if (cp < 0x85) {
            return false;
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
                || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }
}
