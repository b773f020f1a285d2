package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
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
}
