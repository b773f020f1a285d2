package io.kroute.inference.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFileTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("prompts.jsonl"), List.of(lines));
    }

    @Test
    void shouldReadTextsLabelsAndTenantsInFileOrderSkippingBlankLines() throws IOException {
        PromptFile file = PromptFile.read(write("{\"text\": \"sort a list\", \"label\": \"code\", \"extra\": 1}", "",
                "{\"text\": \"a sonnet\", \"label\": \"poetry\", \"tenant\": \"acme\"}",
                "{\"text\": \"binary search\", \"label\": \"code\"}"));

        assertThat(file.texts()).containsExactly("sort a list", "a sonnet", "binary search");
        assertThat(file.rows().get(1)).isEqualTo(new PromptFile.Row(3, "a sonnet", "poetry", "acme"));
        assertThat(file.rows().get(0).tenant()).isNull();
        assertThat(file.byLabel()).containsExactly(Map.entry("code", List.of("sort a list", "binary search")),
                Map.entry("poetry", List.of("a sonnet")));
    }

    @Test
    void shouldRefuseALineWithoutAStringTextNamingItsNumber() throws IOException {
        Path file = write("{\"text\": \"ok\"}", "{\"text\": 3}");

        assertThatThrownBy(() -> PromptFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: expected a JSON object").hasMessageContaining("found {\"text\": 3}");
    }

    @Test
    void shouldRefuseMalformedJsonAndANonStringLabel() throws IOException {
        assertThatThrownBy(() -> PromptFile.read(write("{\"text\": \"cut"))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PromptFile.read(write("{\"text\": \"x\", \"label\": 1}")))
                .hasMessageContaining("line 1");
    }

    @Test
    void shouldRefuseLabelsByLabelWhenALineHasNone() throws IOException {
        PromptFile file = PromptFile.read(write("{\"text\": \"a\", \"label\": \"x\"}", "{\"text\": \"b\"}"));

        assertThatThrownBy(file::byLabel).hasMessageContaining("line 2: expected a string \"label\", found none");
    }

    @Test
    void shouldRefuseAMissingOrEmptyFile() throws IOException {
        assertThatThrownBy(() -> PromptFile.read(dir.resolve("absent.jsonl")))
                .hasMessageContaining("expected a file, found none");
        assertThatThrownBy(() -> PromptFile.read(write("", " ")))
                .hasMessageContaining("expected at least one prompt, found none");
    }
}
