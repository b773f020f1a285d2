package io.kroute.inference.text;

import java.util.Arrays;

/**
 * Reusable scratch space of {@link CharVectorizer}: the text as scikit-learn's character analyzers see it
 * (lower-cased as Python's {@code str.lower}, whitespace normalised, words padded), the character offset of each
 * code point (n-grams count code points, as Python does), the n-grams as character ranges, and their lookups.
 */
final class CharGrams {
    /** The processed text; 16 characters of slack at the end let {@link TermIndex} read keys in whole words. */
    char[] chars = new char[512];
    int length;
    /** {@code codePointStarts[i]} is where code point i starts in {@link #chars}; one more entry ends the last. */
    int[] codePointStarts = new int[512];
    int codePoints;
    /** For {@code char_wb}: the code point ranges of the padded words. */
    int[] wordStarts = new int[64];
    int[] wordEnds = new int[64];
    int words;
    final TokenBuffer grams = new TokenBuffer();
    long[] lookupScratch = new long[3 * 512];
    int[] gramFeatures = new int[512];

    void clear(int expectedChars) {
        // A code point lower-cases into at most two, and char_wb adds two spaces per word.
        int capacity = 3 * expectedChars + 2 + 16;
        if (chars.length < capacity) {
            chars = new char[capacity];
        }
        if (codePointStarts.length < capacity) {
            codePointStarts = new int[capacity];
        }
        length = 0;
        codePoints = 0;
        words = 0;
        grams.clear();
    }

    void append(int codePoint) {
        codePointStarts[codePoints++] = length;
        if (Character.isBmpCodePoint(codePoint)) {
            chars[length++] = (char) codePoint;
        } else {
            chars[length++] = Character.highSurrogate(codePoint);
            chars[length++] = Character.lowSurrogate(codePoint);
        }
    }

    /** Ends the code point list: the entry after the last code point is the end of the text. */
    void finish() {
        codePointStarts[codePoints] = length;
        grams.chars = chars;
    }

    void addWord(int startCodePoint, int endCodePoint) {
        if (words == wordStarts.length) {
            wordStarts = Arrays.copyOf(wordStarts, words * 2);
            wordEnds = Arrays.copyOf(wordEnds, words * 2);
        }
        wordStarts[words] = startCodePoint;
        wordEnds[words] = endCodePoint;
        words++;
    }

    /** The n-gram of {@code n} code points from code point {@code first}. */
    void addGram(int first, int n) {
        grams.addToken(codePointStarts[first], codePointStarts[first + n]);
    }

    void ensureLookupRoom(int count) {
        if (gramFeatures.length < count) {
            int size = Math.max(count, gramFeatures.length * 2);
            gramFeatures = new int[size];
            lookupScratch = new long[3 * size];
        }
    }
}
