package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kroute.inference.routing.CatalogException;
import io.kroute.inference.routing.ProviderCatalog;
import io.kroute.inference.routing.TokenizerFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheDocumentedYamlCatalog() throws IOException {
        Path file = dir.resolve("providers.yaml");
        Files.writeString(file, """
                version: 1
                providers:
                  - name: atlas
                    contextWindow: 128000
                    inputPricePer1k: 0.00015
                    outputPricePer1k: 0.0006
                    tokenizer: o200k_base
                    tags: [region:us]
                  - name: boreal
                    contextWindow: 8192
                    tokenizer: mistral
                    tags: [region:eu]
                rules:
                  outputReserveTokens: 1024
                  tenants:
                    eu-bank: {requireTags: [region:eu]}
                """);

        ProviderCatalog catalog = CatalogFiles.read(file);

        assertThat(catalog.names()).containsExactly("atlas", "boreal");
        assertThat(catalog.providers().get(1).tokenizer()).isEqualTo(TokenizerFamily.MISTRAL);
        assertThat(catalog.rules().tenants().get("eu-bank").requiredTags()).containsExactly("region:eu");
        assertThat(catalog.source()).isEqualTo(file.toString());
    }

    @Test
    void shouldNameTheFileAndPathOfABadValueInYaml() throws IOException {
        Path file = dir.resolve("providers.yml");
        Files.writeString(file, "providers:\n  - name: atlas\n    inputPricePer1k: -1\n");

        assertThatThrownBy(() -> CatalogFiles.read(file)).isInstanceOf(CatalogException.class)
                .hasMessage(file + ": $.providers[0].inputPricePer1k: expected a price in USD >= 0, found number -1");
    }

    @Test
    void shouldRefuseDuplicateMembersAndBrokenSyntaxWithTheLine() throws IOException {
        Path yaml = dir.resolve("dup.yaml");
        Files.writeString(yaml, "providers:\n  - name: a\nrules:\n  tenants:\n    t: {}\n    t: {}\n");
        Path json = dir.resolve("broken.json");
        Files.writeString(json, "{\"providers\": [\n{\"name\": \"a\",}]}");

        assertThatThrownBy(() -> CatalogFiles.read(yaml)).hasMessageContaining(yaml + ": $: expected a YAML document;")
                .hasMessageContaining("Duplicate field 't'");
        assertThatThrownBy(() -> CatalogFiles.read(json)).hasMessageContaining(json + ": $: expected a JSON document; "
                + "line 2, column");
        assertThatThrownBy(() -> CatalogFiles.read(dir.resolve("missing.json")))
                .hasMessageContaining("expected a readable file");
    }
}
