package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermIndexTest {

    @Test
    void shouldFindEveryTermAtItsIndex() {
        Random random = new Random(7);
        String[] terms = new String[5000];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = "t" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + i;
        }
        TermIndex index = TermIndex.of(terms);
        for (int i = 0; i < terms.length; i++) {
            assertThat(index.indexOf(terms[i])).isEqualTo(i);
            assertThat(index.term(i)).isEqualTo(terms[i]);
        }
        assertThat(index.indexOf("absent")).isEqualTo(-1);
    }

    @Test
    void shouldLookUpNGramsFromTokensWithoutJoiningThem() {
        TermIndex index = TermIndex.of(new String[] {"new", "york", "new york", "new york city", "yor"});
        TokenBuffer tokens = new TokenBuffer();
        new WordTokenizer().scan("New York City", tokens);
        assertThat(index.indexOf(tokens, 0, 1)).isEqualTo(0);
        assertThat(index.indexOf(tokens, 1, 1)).isEqualTo(1);
        assertThat(index.indexOf(tokens, 0, 2)).isEqualTo(2);
        assertThat(index.indexOf(tokens, 0, 3)).isEqualTo(3);
        assertThat(index.indexOf(tokens, 1, 2)).isEqualTo(-1);
        assertThat(index.indexOf(tokens, 2, 1)).isEqualTo(-1);
    }

    @Test
    void shouldNotConfuseAnNGramWithATermThatHasTheSameCharacters() {
        TermIndex index = TermIndex.of(new String[] {"ab cd"});
        TokenBuffer tokens = new TokenBuffer();
        new WordTokenizer().scan("abc d", tokens);
        assertThat(tokens.count()).isEqualTo(1);
        new WordTokenizer().scan("ab cd", tokens);
        assertThat(index.indexOf(tokens, 0, 2)).isZero();
    }

    @Test
    void shouldLookUpAllTokensAtOnceAsOneLookupPerTokenDoes() {
        Random random = new Random(11);
        String[] terms = new String[3000];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < terms.length; i++) {
            terms[i] = "w" + Integer.toString(random.nextInt(1 << 20), 36) + i;
        }
        TermIndex index = TermIndex.of(terms);
        // Known terms, near misses (a prefix or an extra character) and absent words, in a seeded mix.
        for (int i = 0; i < 4000; i++) {
            String term = terms[random.nextInt(terms.length)];
            switch (random.nextInt(4)) {
                case 0 -> text.append(term.substring(0, term.length() - 1));
                case 1 -> text.append(term).append('x');
                case 2 -> text.append("absent").append(i);
                default -> text.append(term);
            }
            text.append(' ');
        }
        TokenBuffer tokens = new TokenBuffer();
        new WordTokenizer().scan(text, tokens);
        int[] features = new int[tokens.count()];
        index.indexOfTokens(tokens, new long[3 * tokens.count()], features);
        int known = 0;
        for (int t = 0; t < tokens.count(); t++) {
            assertThat(features[t]).as("token %d '%s'", t, tokens.token(t)).isEqualTo(index.indexOf(tokens, t, 1));
            known += features[t] >= 0 ? 1 : 0;
        }
        assertThat(known).isBetween(800, 1200);
    }

    @Test
    void shouldFindEveryTermOfACrowdedSmallTable() {
        // Four terms in eight slots: first probes collide often, and every term must still be found.
        String[] terms = {"aa", "bb", "cc", "dd"};
        TermIndex index = TermIndex.of(terms);
        TokenBuffer tokens = new TokenBuffer();
        new WordTokenizer().scan("dd cc bb aa ee ff gg hh ii jj", tokens);
        int[] features = new int[tokens.count()];
        index.indexOfTokens(tokens, new long[3 * tokens.count()], features);
        assertThat(features).containsExactly(3, 2, 1, 0, -1, -1, -1, -1, -1, -1);
    }

    @Test
    void shouldRefuseDuplicateTerms() {
        assertThatThrownBy(() -> TermIndex.of(new String[] {"a", "b", "a"}))
                .hasMessageContaining("duplicate term 'a' at feature indices 0 and 2");
    }

    /** Characters from several ranges: ASCII, Latin-1, Greek and Cyrillic, CJK, a surrogate pair, a NUL, a space. */
    private static String randomTerm(Random random) {
        int length = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 18);
        StringBuilder term = new StringBuilder();
        int alphabet = random.nextInt(5);
        while (term.length() < length) {
            int pick = random.nextInt(20);
            if (pick == 0 && alphabet > 1) {
                term.append(alphabet == 2 ? 'é' : alphabet == 3 ? 'Ж' : '字');
            } else if (pick == 1 && alphabet == 4) {
                term.appendCodePoint(0x1F600);
            } else if (pick == 2 && random.nextInt(10) == 0) {
                term.append(random.nextBoolean() ? '\0' : ' ');
            } else {
                term.append((char) ('a' + random.nextInt(3)));
            }
        }
        return term.toString();
    }

    /** A token buffer over the given words, packed as the tokenizer packs them (no separators). */
    private static TokenBuffer buffer(String... words) {
        TokenBuffer tokens = new TokenBuffer();
        for (String word : words) {
            int start = tokens.length;
            tokens.ensureCapacity(start + word.length());
            word.getChars(0, word.length(), tokens.chars, start);
            tokens.length = start + word.length();
            tokens.addToken(start, tokens.length);
        }
        return tokens;
    }

    @Test
    void shouldAgreeWithAMapOnSeededVocabulariesOfShortLongAndNonAsciiTerms() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            Set<String> unique = new LinkedHashSet<>();
            int size = 1 + random.nextInt(seed % 2 == 0 ? 40 : 3000);
            while (unique.size() < size) {
                unique.add(randomTerm(random));
            }
            String[] terms = unique.toArray(new String[0]);
            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < terms.length; i++) {
                expected.put(terms[i], i);
            }
            TermIndex index = TermIndex.of(terms);
            // Every term, and near misses: one character changed, dropped or added, or a fresh random word.
            String[] queries = new String[4 * terms.length];
            for (int i = 0; i < terms.length; i++) {
                String term = terms[i];
                int at = random.nextInt(term.length());
                queries[4 * i] = term;
                queries[4 * i + 1] = term.substring(0, at) + (char) (term.charAt(at) ^ 1) + term.substring(at + 1);
                queries[4 * i + 2] = random.nextBoolean() ? term.substring(0, term.length() - 1) : term + "a";
                queries[4 * i + 3] = randomTerm(random);
            }
            TokenBuffer tokens = buffer(queries);
            int[] features = new int[tokens.count()];
            index.indexOfTokens(tokens, new long[3 * tokens.count()], features);
            for (int q = 0; q < queries.length; q++) {
                int want = expected.getOrDefault(queries[q], -1);
                assertThat(index.indexOf(queries[q])).as("seed %d query '%s'", seed, queries[q]).isEqualTo(want);
                assertThat(index.indexOf(tokens, q, 1)).as("seed %d token '%s'", seed, queries[q]).isEqualTo(want);
                assertThat(features[q]).as("seed %d staged '%s'", seed, queries[q]).isEqualTo(want);
            }
            for (int i = 0; i < terms.length; i++) {
                assertThat(index.term(i)).isEqualTo(terms[i]);
            }
        }
    }

    @Test
    void shouldGiveTheSameKeyWhetherATokenEndsFarFromOrNearTheEndOfItsBuffer() {
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            String term = randomTerm(random);
            char[] roomy = new char[term.length() + 40];
            term.getChars(0, term.length(), roomy, 3);
            char[] tight = term.toCharArray();
            long[] far = new long[3];
            long[] near = new long[3];
            long[] slow = new long[3];
            TermIndex.keyOf(roomy, 3, 3 + term.length(), far, 0);
            TermIndex.keyOf(tight, 0, tight.length, near, 0);
            TermIndex.keyOfSlowly(tight, 0, tight.length, slow, 0);
            assertThat(near).as("'%s'", term).containsExactly(far);
            assertThat(slow).as("'%s'", term).containsExactly(far);
        }
    }

    @Test
    void shouldTellApartTermsWhoseInlineKeysHaveTheSameBits() {
        // "abcd" packs to the bytes 61 62 63 64; two UTF-16 characters 6261 6463 pack to the same bits; NULs pad
        // the same way as nothing does, and a 16-character term fills the key.
        String[] terms = {"abcd", "\u6261\u6463", "\u6261\u6463\0\0", "a", "a\0", "a\0\0", "\0", "",
                "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmno", "\u00e9t\u00e9", "\u0436\u0436"};
        TermIndex index = TermIndex.of(terms);
        TokenBuffer tokens = buffer(terms);
        int[] features = new int[terms.length];
        index.indexOfTokens(tokens, new long[3 * terms.length], features);
        for (int i = 0; i < terms.length; i++) {
            assertThat(index.indexOf(terms[i])).isEqualTo(i);
            assertThat(features[i]).isEqualTo(i);
        }
        assertThat(index.indexOf("abc")).isEqualTo(-1);
        assertThat(index.indexOf("\u6261")).isEqualTo(-1);
        assertThat(index.indexOf("abcdefghijklmnopqr")).isEqualTo(-1);
    }

    @Test
    void shouldLookUpNGramsOfEveryKeyKind() {
        String[] terms = {"new york", "new york city", "a very long three word term", "\u0436\u0436 \u0436",
                "\u0436\u0436 \u0436\u0436 \u0436\u0436\u0436\u0436", "caf\u00e9 au"};
        TermIndex index = TermIndex.of(terms);
        TokenBuffer tokens = buffer("new", "york", "city", "a", "very", "long", "three", "word", "term");
        assertThat(index.indexOf(tokens, 0, 2)).isEqualTo(0);
        assertThat(index.indexOf(tokens, 0, 3)).isEqualTo(1);
        assertThat(index.indexOf(tokens, 1, 2)).isEqualTo(-1);
        assertThat(index.indexOf(tokens, 3, 6)).isEqualTo(2);
        assertThat(index.indexOf(tokens, 3, 5)).isEqualTo(-1);
        TokenBuffer other = buffer("\u0436\u0436", "\u0436", "\u0436\u0436", "\u0436\u0436\u0436\u0436", "caf\u00e9",
                "au");
        assertThat(index.indexOf(other, 0, 2)).isEqualTo(3);
        assertThat(index.indexOf(other, 0, 3)).isEqualTo(-1);
        assertThat(index.indexOf(other, 2, 2)).isEqualTo(-1);
        assertThat(index.indexOf(buffer("\u0436\u0436", "\u0436\u0436", "\u0436\u0436\u0436\u0436"), 0, 3))
                .isEqualTo(4);
        assertThat(index.indexOf(other, 4, 2)).isEqualTo(5);
    }

    @Test
    void shouldRefuseDuplicatesOfEveryKeyKind() {
        String longTerm = "abcdefghijklmnopqrstuvwxyz";
        assertThatThrownBy(() -> TermIndex.of(new String[] {longTerm, "x", longTerm}))
                .hasMessageContaining("at feature indices 0 and 2");
        assertThatThrownBy(() -> TermIndex.of(new String[] {"\u0436", "\u0436"}))
                .hasMessageContaining("at feature indices 0 and 1");
    }
}
