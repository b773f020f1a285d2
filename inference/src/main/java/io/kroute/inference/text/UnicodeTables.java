package io.kroute.inference.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Python's view of Unicode for the tokenizer: which code points {@code \w} matches and what {@code str.lower()}
 * maps each code point to, generated from the Python that runs scikit-learn
 * ({@code inference/src/build/unicode_tables.py}). The JVM's own character data follows the JVM's Unicode
 * version, which need not be Python's; with these tables, tokens do not depend on the JVM.
 */
final class UnicodeTables {
    static final String RESOURCE = "unicode-tables.txt";

    static final String VERSION;
    private static final int[] WORD_FIRST;
    private static final int[] WORD_LAST;
    private static final int[] LOWER_FROM;
    private static final int[] LOWER_TO;

    static {
        String version = null;
        int[] wordFirst = new int[1024];
        int[] wordLast = new int[1024];
        int[] lowerFrom = new int[2048];
        int[] lowerTo = new int[2048];
        int words = 0;
        int lowers = 0;
        try (InputStream in = UnicodeTables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + UnicodeTables.class);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "version" -> version = parts[1];
                    case "word" -> {
                        if (words == wordFirst.length) {
                            wordFirst = Arrays.copyOf(wordFirst, words * 2);
                            wordLast = Arrays.copyOf(wordLast, words * 2);
                        }
                        wordFirst[words] = Integer.parseInt(parts[1], 16);
                        wordLast[words] = Integer.parseInt(parts[2], 16);
                        words++;
                    }
                    case "lower" -> {
                        if (lowers == lowerFrom.length) {
                            lowerFrom = Arrays.copyOf(lowerFrom, lowers * 2);
                            lowerTo = Arrays.copyOf(lowerTo, lowers * 2);
                        }
                        lowerFrom[lowers] = Integer.parseInt(parts[1], 16);
                        lowerTo[lowers] = Integer.parseInt(parts[2], 16);
                        lowers++;
                    }
                    default -> throw new IllegalStateException("unexpected line in " + RESOURCE + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VERSION = version;
        WORD_FIRST = Arrays.copyOf(wordFirst, words);
        WORD_LAST = Arrays.copyOf(wordLast, words);
        LOWER_FROM = Arrays.copyOf(lowerFrom, lowers);
        LOWER_TO = Arrays.copyOf(lowerTo, lowers);
    }

    private UnicodeTables() {
    }

    /** For code points from 128 up: does Python's {@code \w} match it? */
    static boolean isWord(int cp) {
        int i = Arrays.binarySearch(WORD_FIRST, cp);
        if (i >= 0) {
            return true;
        }
        int range = -i - 2;
        return range >= 0 && cp <= WORD_LAST[range];
    }

    /** For code points from 128 up, except U+0130 and U+03A3: Python's lower case of the code point. */
    static int toLower(int cp) {
        int i = Arrays.binarySearch(LOWER_FROM, cp);
        return i >= 0 ? LOWER_TO[i] : cp;
    }
}
