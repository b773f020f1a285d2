package io.kroute.inference.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * scikit-learn's {@code FeatureUnion} of vectorizers: their features side by side, the columns of part k after
 * those of parts 0 to k-1. A part may read only the text's first N words ({@code trainer/head_words.py}): the
 * text's first N tokens by the default word pattern, as written (not lower-cased), joined by single spaces; or
 * only its last N words ({@code TailWords}): the last N such tokens of the examined text. Either re-scans only a
 * short stretch of the text, a guess of its length doubled while too few words were found.
 *
 * <p>The anomaly filter reads one word pass: that of the first word vectorizer without head words (the
 * primary part), made while it vectorizes. Without such a part, the union makes that pass itself with its
 * tokenizer (no vocabulary: no token is known), and only when the features gather character statistics, as
 * the anomaly filter's do. Immutable and thread-safe; scratch space is per thread.
 */
public final class FeatureUnion implements Vectorizer {
    /** A first guess of the characters that hold N words, doubled while too few words were found. */
    private static final int CHARS_PER_HEAD_WORD = 12;

    private final List<Vectorizer> parts;
    private final int[] headWords;
    private final int[] tailWords;
    private final int[] offsets;
    private final int featureCount;
    private final int primary;
    private final WordTokenizer tokenizer;
    private final WordTokenizer headTokenizer;
    private final ThreadLocal<Scratch> scratch;

    private final class Scratch {
        final SparseFeatures[] features = new SparseFeatures[parts.size()];
        final TokenBuffer headTokens = new TokenBuffer();
        final StringBuilder headText = new StringBuilder();
        final StringBuilder tailText = new StringBuilder();
        /** The word counts headText and tailText hold the words of for the current text, or 0. */
        int headFor;
        int tailFor;
        final TextSuffix suffix = new TextSuffix();
        int[] indices = new int[256];
        double[] values = new double[256];

        Scratch() {
            for (int p = 0; p < features.length; p++) {
                features[p] = new SparseFeatures();
            }
        }
    }

    /**
     * @param headWords per part, the number of leading words it reads, or 0 for the whole text
     * @param tokenizer the word pass for the anomaly filter when no part is a word vectorizer over the whole text
     */
    public FeatureUnion(List<? extends Vectorizer> parts, int[] headWords, WordTokenizer tokenizer) {
        this(parts, headWords, new int[headWords.length], tokenizer);
    }

    /**
     * @param headWords per part, the number of leading words it reads, or 0
     * @param tailWords per part, the number of closing words it reads, or 0 (a part reads the whole text when
     *                  both are 0, and never both)
     * @param tokenizer the word pass for the anomaly filter when no part is a word vectorizer over the whole text
     */
    public FeatureUnion(List<? extends Vectorizer> parts, int[] headWords, int[] tailWords, WordTokenizer tokenizer) {
        this.parts = List.copyOf(parts);
        if (this.parts.isEmpty() || headWords.length != this.parts.size() || tailWords.length != this.parts.size()) {
            throw new IllegalArgumentException("expected at least one part and one head- and tail-words count per "
                    + "part, found " + this.parts.size() + " parts, " + headWords.length + " head and "
                    + tailWords.length + " tail counts");
        }
        this.headWords = headWords.clone();
        this.tailWords = tailWords.clone();
        this.offsets = new int[this.parts.size()];
        int total = 0;
        int first = -1;
        for (int p = 0; p < this.parts.size(); p++) {
            if (this.headWords[p] < 0 || this.tailWords[p] < 0 || (this.headWords[p] > 0 && this.tailWords[p] > 0)) {
                throw new IllegalArgumentException("expected head- and tail-words counts >= 0, not both > 0, found "
                        + this.headWords[p] + " and " + this.tailWords[p] + " for part " + p);
            }
            offsets[p] = total;
            total = Math.addExact(total, this.parts.get(p).featureCount());
            if (first < 0 && this.headWords[p] == 0 && this.tailWords[p] == 0
                    && this.parts.get(p) instanceof TextVectorizer) {
                first = p;
            }
        }
        this.featureCount = total;
        this.primary = first;
        this.tokenizer = first >= 0 ? this.parts.get(first).tokenizer() : Objects.requireNonNull(tokenizer);
        this.headTokenizer = new WordTokenizer(false, this.tokenizer.maxChars());
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    public List<Vectorizer> parts() {
        return parts;
    }

    public int headWords(int part) {
        return headWords[part];
    }

    public int tailWords(int part) {
        return tailWords[part];
    }

    public int offset(int part) {
        return offsets[part];
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    @Override
    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public String describe() {
        List<String> described = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            String words = headWords[p] > 0 ? "first " + headWords[p] + " words: "
                    : tailWords[p] > 0 ? "last " + tailWords[p] + " words: " : "";
            described.add(words + parts.get(p).describe());
        }
        return "union of " + parts.size() + ": " + String.join("; ", described);
    }

    @Override
    public void transform(CharSequence text, SparseFeatures out) {
        Scratch s = scratch.get();
        s.headFor = 0;
        s.tailFor = 0;
        if (primary >= 0) {
            parts.get(primary).transform(text, out);
        } else {
            wordPass(text, out);
        }
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            if (p == primary) {
                total += out.size;
                continue;
            }
            SparseFeatures target = s.features[p];
            CharSequence read = headWords[p] > 0 ? head(text, headWords[p], s)
                    : tailWords[p] > 0 ? tail(text, tailWords[p], s) : text;
            parts.get(p).transform(read, target);
            total += target.size;
        }
        merge(out, s, total);
    }

    /** The anomaly filter's word pass when no part makes it: tokens and statistics, no vocabulary. */
    private void wordPass(CharSequence text, SparseFeatures out) {
        if (out.stats == null) {
            out.tokens.clear();
        } else {
            tokenizer.scan(text, out.tokens, out.stats);
        }
        out.scannedTokens = out.tokens.count;
        out.knownTokens = 0;
        out.topKnownTokenCount = 0;
        out.tokenFeaturesLooked = false;
    }

    /** The first {@code words} tokens of the text as written, joined by single spaces. */
    private CharSequence head(CharSequence text, int words, Scratch s) {
        if (s.headFor == words) {
            return s.headText; // a word part and a character part over the same opening words
        }
        TokenBuffer tokens = s.headTokens;
        int examined = headTokenizer.examinedLength(text);
        int limit = (int) Math.min(examined, (long) words * CHARS_PER_HEAD_WORD);
        while (true) {
            headTokenizer.scanPrefix(text, limit, tokens);
            // With more tokens than asked for, the ones asked for ended before the prefix did.
            if (tokens.count > words || limit >= examined) {
                break;
            }
            limit = (int) Math.min(examined, 2L * limit);
        }
        s.headFor = words;
        return joined(tokens, 0, Math.min(words, tokens.count), s.headText);
    }

    /**
     * The last {@code words} tokens of the examined text as written, joined by single spaces. Only a suffix is
     * scanned: its first token may be the cut end of a longer word, so the suffix grows until it holds more tokens
     * than asked for or starts at the text's start; a token after the first is one of the text's own.
     */
    private CharSequence tail(CharSequence text, int words, Scratch s) {
        if (s.tailFor == words) {
            return s.tailText;
        }
        TokenBuffer tokens = s.headTokens;
        int examined = headTokenizer.examinedLength(text);
        int length = (int) Math.min(examined, (long) words * CHARS_PER_HEAD_WORD);
        while (true) {
            headTokenizer.scan(s.suffix.of(text, examined - length, examined), tokens);
            if (tokens.count > words || length >= examined) {
                break;
            }
            length = (int) Math.min(examined, 2L * length);
        }
        s.suffix.release();
        int kept = Math.min(words, tokens.count);
        s.tailFor = words;
        return joined(tokens, tokens.count - kept, tokens.count, s.tailText);
    }

    private static CharSequence joined(TokenBuffer tokens, int from, int to, StringBuilder joined) {
        joined.setLength(0);
        for (int t = from; t < to; t++) {
            if (t > from) {
                joined.append(' ');
            }
            joined.append(tokens.chars, tokens.starts[t], tokens.ends[t] - tokens.starts[t]);
        }
        return joined;
    }

    /** The parts' features side by side in {@code out}, each part's indices shifted by its offset. */
    private void merge(SparseFeatures out, Scratch s, int total) {
        if (s.indices.length < total) {
            s.indices = new int[Math.max(total, 2 * s.indices.length)];
            s.values = new double[s.indices.length];
        }
        int n = 0;
        for (int p = 0; p < parts.size(); p++) {
            SparseFeatures part = p == primary ? out : s.features[p];
            int offset = offsets[p];
            for (int i = 0; i < part.size; i++) {
                s.indices[n] = part.indices[i] + offset;
                s.values[n] = part.values[i];
                n++;
            }
        }
        if (out.indices.length < n) {
            out.indices = new int[n];
            out.values = new double[n];
        }
        System.arraycopy(s.indices, 0, out.indices, 0, n);
        System.arraycopy(s.values, 0, out.values, 0, n);
        out.size = n;
    }
}
