package io.kroute.inference.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Each limit of the reader refuses a file that exceeds it, and nothing in a file selects a Java type. */
class ReaderLimitsTest {
    static final ReaderLimits ROOMY = new ReaderLimits(1 << 20, 1_000, 100, 10, 10, 64);

    static void assertLimit(ReaderLimits limits, String message) {
        WeightFileReader reader = new WeightFileReader(limits, 1_000);
        assertThatThrownBy(() -> reader.readBytes(WeightFileFixture.validBytes()))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((WeightFileException) e).reason()).isEqualTo("limits");
    }

    @Test
    void shouldRefuseMoreClassesThanTheLimit() {
        assertLimit(new ReaderLimits(1 << 20, 1_000, 100, 2, 10, 64), "model.classes: expected at most 2 entries");
    }

    @Test
    void shouldRefuseATermLongerThanTheLimit() {
        assertLimit(new ReaderLimits(1 << 20, 1_000, 4, 10, 10, 64), "expected at most 4 characters");
    }

    @Test
    void shouldRefuseMoreGoldenVectorsThanTheLimit() {
        assertLimit(new ReaderLimits(1 << 20, 1_000, 100, 10, 1, 64), "golden.vectors: expected at most 1");
    }

    @Test
    void shouldAcceptTheFixtureWithinRoomyLimits() throws WeightFileException {
        assertThat(new WeightFileReader(ROOMY, 1_000).readBytes(WeightFileFixture.validBytes()).modelName())
                .isEqualTo("fixture");
    }

    @Test
    void shouldIgnoreTypeHintsInsteadOfInstantiatingThem() throws WeightFileException {
        ObjectNode tree = WeightFileFixture.validTree();
        tree.put("@class", "java.lang.ProcessBuilder");
        ((ObjectNode) tree.get("vectorizer")).put("@type", "javax.script.ScriptEngineManager");
        tree.putObject("extension").put("@class", "java.net.URL").put("value", "http://127.0.0.1:1/");
        WeightFile file = new WeightFileReader(ROOMY, 1_000).readBytes(WeightFileFixture.seal(tree));
        // Members the format does not name are skipped or kept as plain JSON; no class is looked up or created.
        assertThat(file.modelName()).isEqualTo("fixture");
    }

    @Test
    void shouldRefuseLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> new ReaderLimits(0, 1, 1, 1, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReaderLimits(1, 1, 1, 1, 1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
