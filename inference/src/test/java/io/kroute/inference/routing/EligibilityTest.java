package io.kroute.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each rule alone, on the catalog of {@link CatalogReaderTest}: atlas (bit 0), boreal (bit 1), cirrus (bit 2). */
class EligibilityTest {

    private static final long ATLAS = 1;
    private static final long BOREAL = 2;
    private static final long CIRRUS = 4;

    private static ProviderCatalog catalog;
    private static PromptTokens tokens;

    @BeforeAll
    static void load() throws IOException {
        catalog = CatalogReaderTest.read(CatalogReaderTest.CATALOG);
        tokens = new PromptTokens(new TokenEstimator(catalog.families()));
    }

    private static Eligibility rules() {
        return new Eligibility(catalog);
    }

    @Test
    void shouldLetEveryProviderServeAShortPromptOfAnUnruledClassAndTenant() {
        tokens.reset("Write a haiku about the sea.");

        assertThat(rules().eligible("chat", "someone", tokens)).isEqualTo(ATLAS | BOREAL | CIRRUS);
        assertThat(tokens.countIfKnown(TokenizerFamily.MISTRAL)).as("no tokenizer ran").isEqualTo(-1);
    }

    @Test
    void shouldExcludeProvidersWhoseWindowCannotHoldThePromptAndTheReserve() {
        String prompt = "The quarterly report covers revenue, costs and outlook. ".repeat(700);
        tokens.reset(prompt);
        Eligibility rules = rules();

        long eligible = rules.eligible("chat", "someone", tokens);

        assertThat(eligible).isEqualTo(ATLAS | CIRRUS);
        assertThat(tokens.count(TokenizerFamily.MISTRAL) + 512).isGreaterThan(8192);
        List<Eligibility.Exclusion> why = rules.exclusions("chat", "someone", tokens, eligible);
        assertThat(why).singleElement().satisfies(e -> {
            assertThat(e.provider()).isEqualTo("boreal");
            assertThat(e.rule()).isEqualTo(ExclusionRule.CONTEXT_WINDOW);
            assertThat(e.detail()).contains("(mistral, estimated) + 512 reserved > window 8192");
        });
    }

    @Test
    void shouldApplyClassDenylists() {
        tokens.reset("Fix the null pointer in this method.");
        Eligibility rules = rules();

        long eligible = rules.eligible("code", "someone", tokens);

        assertThat(eligible).isEqualTo(ATLAS | CIRRUS);
        assertThat(rules.exclusions("code", "someone", tokens, eligible))
                .extracting(Eligibility.Exclusion::provider, Eligibility.Exclusion::rule)
                .containsExactly(tuple("boreal", ExclusionRule.CLASS_DENYLIST));
    }

    @Test
    void shouldApplyTenantAllowlistsAndRequiredTags() {
        tokens.reset("Bonjour, pouvez-vous résumer ce contrat ?");
        Eligibility rules = rules();

        assertThat(rules.eligible("chat", "acme", tokens)).isEqualTo(ATLAS | CIRRUS);
        long eu = rules.eligible("chat", "eu-bank", tokens);
        assertThat(eu).isEqualTo(BOREAL);
        assertThat(rules.exclusions("chat", "eu-bank", tokens, eu))
                .extracting(Eligibility.Exclusion::rule).containsOnly(ExclusionRule.TENANT_REQUIRED_TAG);
        assertThat(rules.exclusions("chat", "eu-bank", tokens, eu).get(0).detail())
                .isEqualTo("requires region:eu, has region:us, tier:standard");
        assertThat(rules.exclusions("chat", "acme", tokens, ATLAS | CIRRUS))
                .extracting(Eligibility.Exclusion::rule).containsOnly(ExclusionRule.TENANT_ALLOWLIST);
    }

    @Test
    void shouldExcludeProvidersWhoseEstimatedCostExceedsTheLimit() {
        // cirrus: 512 reserved output tokens cost 0.0384 alone; the global limit is 0.5, so it takes up to
        // floor((0.5 - 0.0384) * 1000 / 0.015) = 30,773 input tokens.
        String prompt = "Please analyse the following log lines carefully. ".repeat(3500);
        tokens.reset(prompt);
        Eligibility rules = rules();

        long eligible = rules.eligible("chat", "someone", tokens);

        assertThat(tokens.count(TokenizerFamily.CLAUDE)).isGreaterThan(30_773);
        assertThat(eligible & CIRRUS).isZero();
        assertThat(eligible & ATLAS).isEqualTo(ATLAS);
        assertThat(rules.exclusions("chat", "someone", tokens, eligible)).filteredOn(e -> e.provider().equals("cirrus"))
                .singleElement().satisfies(e -> {
                    assertThat(e.rule()).isEqualTo(ExclusionRule.MAX_COST);
                    assertThat(e.detail()).endsWith("> max $0.5");
                });
    }

    @Test
    void shouldUseTheTenantsOwnCostLimitAndReportNoEligibleProvider() {
        // eu-bank: only boreal carries region:eu; its own limit of $0.01 allows about 48,000 input tokens at
        // $0.0002 per 1,000, but boreal's window of 8,192 stops the prompt first.
        tokens.reset("Ein sehr langer Vertragstext mit vielen Klauseln. ".repeat(900));
        Eligibility rules = rules();

        long eligible = rules.eligible("chat", "eu-bank", tokens);

        assertThat(eligible).isZero();
        assertThat(rules.exclusions("chat", "eu-bank", tokens, eligible))
                .extracting(Eligibility.Exclusion::provider, Eligibility.Exclusion::rule)
                .containsExactly(tuple("atlas", ExclusionRule.TENANT_REQUIRED_TAG),
                        tuple("boreal", ExclusionRule.CONTEXT_WINDOW),
                        tuple("cirrus", ExclusionRule.TENANT_REQUIRED_TAG));
    }

    @Test
    void shouldExcludeEveryProviderWhenTheReserveAloneExceedsTheCostLimit() {
        Eligibility rules = new Eligibility(catalog.withLimits(100_000, 0.01));
        tokens.reset("hi");

        assertThat(rules.eligible("chat", "someone", tokens)).isZero();
        assertThat(rules.exclusions("chat", "someone", tokens, 0)).extracting(Eligibility.Exclusion::rule)
                .containsExactly(ExclusionRule.MAX_COST, ExclusionRule.CONTEXT_WINDOW, ExclusionRule.MAX_COST);
    }
}
