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
    void shouldRefuseDuplicateTerms() {
        assertThatThrownBy(() -> TermIndex.of(new String[] {"a", "b", "a"}))
                .hasMessageContaining("duplicate term 'a' at feature indices 0 and 2");
    }
}
