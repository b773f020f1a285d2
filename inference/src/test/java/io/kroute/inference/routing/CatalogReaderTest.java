package io.kroute.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogReaderTest {

    static final String CATALOG = """
            {"version": 1,
             "providers": [
               {"name": "atlas", "model": "gpt-4o-mini", "contextWindow": 128000, "inputPricePer1k": 0.00015,
                "outputPricePer1k": 0.0006, "tags": ["region:us", "tier:standard"], "tokenizer": "o200k_base"},
               {"name": "boreal", "model": "mistral-small", "contextWindow": 8192, "inputPricePer1k": 0.0002,
                "outputPricePer1k": 0.0006, "tags": ["region:eu"], "tokenizer": "mistral"},
               {"name": "cirrus", "model": "claude-opus", "contextWindow": 200000, "inputPricePer1k": 0.015,
                "outputPricePer1k": 0.075, "tags": ["region:us", "tier:premium"], "tokenizer": "claude"}
             ],
             "rules": {"outputReserveTokens": 512, "maxCostUsd": 0.5,
               "classes": {"code": {"deny": ["boreal"]}},
               "tenants": {"eu-bank": {"requireTags": ["region:eu"], "maxCostUsd": 0.01},
                           "acme": {"allow": ["atlas", "cirrus"]}}}}
            """;

    static ProviderCatalog read(String json) throws IOException {
        return CatalogReader.read(new ObjectMapper().readTree(json), "providers.json");
    }

    @Test
    void shouldReadEveryFieldOfTheDocumentedCatalog() throws IOException {
        ProviderCatalog catalog = read(CATALOG);

        assertThat(catalog.names()).containsExactly("atlas", "boreal", "cirrus");
        Provider boreal = catalog.providers().get(1);
        assertThat(boreal.model()).isEqualTo("mistral-small");
        assertThat(boreal.contextWindow()).isEqualTo(8192);
        assertThat(boreal.tokenizer()).isEqualTo(TokenizerFamily.MISTRAL);
        assertThat(boreal.tags()).containsExactly("region:eu");
        assertThat(catalog.rules().outputReserveTokens()).isEqualTo(512);
        assertThat(catalog.rules().maxCostUsd()).isEqualTo(0.5);
        assertThat(catalog.rules().classes().get("code").deny()).containsExactly("boreal");
        assertThat(catalog.rules().classes().get("code").allow()).isNull();
        assertThat(catalog.rules().tenants().get("eu-bank").maxCostUsd()).isEqualTo(0.01);
        assertThat(catalog.rules().tenants().get("acme").maxCostUsd()).isNaN();
        assertThat(catalog.families()).containsExactlyInAnyOrder(TokenizerFamily.O200K_BASE, TokenizerFamily.MISTRAL,
                TokenizerFamily.CLAUDE);
    }

    @Test
    void shouldDefaultWhatAMinimalProviderLeavesOut() throws IOException {
        Provider p = read("{\"providers\": [{\"name\": \"solo\"}]}").providers().get(0);

        assertThat(p).isEqualTo(Provider.named("solo"));
        assertThat(p.contextWindow()).isEqualTo(Provider.UNLIMITED);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'\"name\": \"atlas\"' | '\"name\": \"boreal\"' | $.providers[1].name | expected a name not used before, found 'atlas' (also at $.providers[0])",
        "'\"inputPricePer1k\": 0.00015' | '\"inputPricePer1k\": -1' | $.providers[0].inputPricePer1k | expected a price in USD >= 0, found number -1",
        "'\"region:eu\"' | '\"Region EU\"' | $.providers[1].tags[0] | expected a tag 'key:value'",
        "'\"allow\": [\"atlas\", \"cirrus\"]' | '\"allow\": [\"atlas\", \"zephyr\"]' | $.rules.tenants.acme.allow[1] | expected a provider of the catalog (atlas, boreal, cirrus), found 'zephyr'",
        "'\"contextWindow\": 8192' | '\"contextWindow\": 0' | $.providers[1].contextWindow | expected a whole number of tokens > 0, found 0",
        "'\"tokenizer\": \"claude\"' | '\"tokenizer\": \"gpt9\"' | $.providers[2].tokenizer | expected one of cl100k_base",
        "'\"outputReserveTokens\": 512' | '\"outputReserve\": 512' | $.rules.outputReserve | found unknown member 'outputReserve'",
        "'\"requireTags\": [\"region:eu\"]' | '\"requireTags\": \"region:eu\"' | $.rules.tenants.eu-bank.requireTags | expected a list, found 'region:eu'",
        "'\"maxCostUsd\": 0.5' | '\"maxCostUsd\": 0' | $.rules.maxCostUsd | expected an amount in USD > 0, found number 0",
    })
    void shouldRefuseABadCatalogNamingTheFileThePathAndWhatWasExpected(String good, String bad, String path,
            String expected) {
        // Swap one fragment of the good catalog for a bad one (a duplicate name: the second provider's).
        String target = bad.startsWith("\"name\"") ? bad : good;
        String replacement = bad.startsWith("\"name\"") ? good : bad;
        assertThat(CATALOG).contains(target);
        String broken = CATALOG.replaceFirst(Pattern.quote(target), Matcher.quoteReplacement(replacement));

        assertThatThrownBy(() -> read(broken))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("providers.json: " + path + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((CatalogException) e).path()).isEqualTo(path));
    }

    @Test
    void shouldRefuseARuleForAClassTheModelDoesNotKnow() throws IOException {
        ProviderCatalog catalog = read(CATALOG);

        catalog.checkClasses(List.of("code", "chat"));
        assertThatThrownBy(() -> catalog.checkClasses(List.of("chat", "summarise")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("providers.json: $.rules.classes.code: expected a class of the model (chat, summarise), "
                        + "found 'code'");
    }

    @Test
    void shouldRefuseAnEmptyProviderListAndAnUnknownVersion() {
        assertThatThrownBy(() -> read("{\"providers\": []}"))
                .hasMessage("providers.json: $.providers: expected a non-empty list of providers, found array");
        assertThatThrownBy(() -> read("{\"version\": 2, \"providers\": [{\"name\": \"a\"}]}"))
                .hasMessage("providers.json: $.version: expected 1, found 2");
    }
}
