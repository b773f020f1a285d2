package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.routing.CatalogReader;
import io.kroute.inference.routing.ProviderCatalog;
import io.kroute.schemas.ArmScore;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.ProviderExclusion;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RoutingDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The routing rules inside the topology: each rule excludes what it should and says so in the decision, the
 * bandit draws among the eligible providers with their exact probabilities, a prompt no provider may serve is
 * quarantined with every exclusion, and fallbacks are ordered and rewarded as documented in docs/routing.md.
 */
class RoutingPathTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long MINUTE = 60_000;

    /** Four providers; boreal has a small window; classes code, fruit and poetry come from the test weights. */
    static final String CATALOG = """
            {"providers": [
               {"name": "atlas", "contextWindow": 128000, "inputPricePer1k": 0.0005, "outputPricePer1k": 0.0015,
                "tags": ["region:us"], "tokenizer": "cl100k_base"},
               {"name": "boreal", "contextWindow": 256, "inputPricePer1k": 0.0002, "outputPricePer1k": 0.0006,
                "tags": ["region:eu"], "tokenizer": "mistral"},
               {"name": "cirrus", "contextWindow": 200000, "inputPricePer1k": 0.015, "outputPricePer1k": 0.075,
                "tags": ["region:eu", "tier:premium"], "tokenizer": "claude"},
               {"name": "delta", "contextWindow": 32000, "inputPricePer1k": 0.001, "outputPricePer1k": 0.002,
                "tags": ["region:us"], "tokenizer": "llama3"}],
             "rules": {"outputReserveTokens": 64, "maxCostUsd": 0.05,
               "classes": {"poetry": {"deny": ["delta"]}, "fruit": {"allow": ["atlas", "boreal"]}},
               "tenants": {"eu-bank": {"requireTags": ["region:eu"]}, "acme": {"deny": ["cirrus"]},
                           "thrifty": {"maxCostUsd": 0.002}}}}
            """;

    /** About 1,400 characters of code request: far beyond boreal's 256 tokens, well within the others. */
    private static final String LONG_CODE = "write a java function that parses the csv file and returns the rows. "
            .repeat(20);

    static ProviderCatalog catalog() {
        try {
            return CatalogReader.read(new ObjectMapper().readTree(CATALOG), "test-catalog.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KrouteConfig.Builder config(String policy) {
        return KrouteConfig.builder().catalog(catalog()).policy(policy).anomalyEnabled(false)
                .rewardWindow(Duration.ofMinutes(10)).armStatePublishInterval(Duration.ZERO);
    }

    private static KrouteDriver driver(String policy) {
        return new KrouteDriver(config(policy).build(), TestWeights.file("v1"));
    }

    private static RoutingDecision decide(KrouteDriver k, String id, String tenant, String text, long time) {
        k.sendPrompt(id, tenant, text, time);
        List<RoutingDecision> decisions = k.readDecisions();
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    private static List<String> candidates(RoutingDecision d) {
        return d.getArms().stream().map(ArmScore::getProvider).toList();
    }

    private static Map<String, String> excluded(RoutingDecision d) {
        return d.getExclusions().stream().collect(Collectors.toMap(ProviderExclusion::getProvider,
                ProviderExclusion::getRule));
    }

    @Test
    void shouldLetEveryProviderServeAShortPromptWithoutRules() {
        try (KrouteDriver k = driver("thompson")) {
            RoutingDecision d = decide(k, "p-1", "someone", "write a java function", T0);

            assertThat(d.getLabel()).isEqualTo("code");
            assertThat(candidates(d)).containsExactly("atlas", "boreal", "cirrus", "delta");
            assertThat(d.getExclusions()).isEmpty();
            assertThat(d.getFallbacks()).hasSize(3).doesNotContain(d.getProvider());
        }
    }

    @Test
    void shouldKeepALongPromptAwayFromTheProviderWhoseWindowCannotHoldIt() {
        try (KrouteDriver k = driver("thompson")) {
            for (int i = 0; i < 20; i++) {
                RoutingDecision d = decide(k, "p-" + i, "someone", LONG_CODE, T0 + i);

                assertThat(d.getProvider()).isNotEqualTo("boreal");
                assertThat(candidates(d)).containsExactly("atlas", "cirrus", "delta");
                assertThat(excluded(d)).isEqualTo(Map.of("boreal", "context-window"));
                assertThat(d.getFallbacks()).doesNotContain("boreal");
            }
            assertThat(k.counters.count("providers-excluded{provider=boreal,rule=context-window}")).isEqualTo(20);
        }
    }

    @Test
    void shouldApplyClassDenylistsAndAllowlists() {
        try (KrouteDriver k = driver("thompson")) {
            RoutingDecision poem = decide(k, "p-1", "someone", "a poem in verse", T0);
            RoutingDecision fruit = decide(k, "p-2", "someone", "apple banana fruit", T0);

            assertThat(poem.getLabel()).isEqualTo("poetry");
            assertThat(excluded(poem)).isEqualTo(Map.of("delta", "class-denylist"));
            assertThat(fruit.getLabel()).isEqualTo("fruit");
            assertThat(candidates(fruit)).containsExactly("atlas", "boreal");
            assertThat(excluded(fruit)).isEqualTo(Map.of("cirrus", "class-allowlist", "delta", "class-allowlist"));
        }
    }

    @Test
    void shouldApplyTenantDenylistsAndRequiredTags() {
        try (KrouteDriver k = driver("thompson")) {
            RoutingDecision acme = decide(k, "p-1", "acme", "write a java function", T0);
            RoutingDecision eu = decide(k, "p-2", "eu-bank", "write a java function", T0);

            assertThat(excluded(acme)).isEqualTo(Map.of("cirrus", "tenant-denylist"));
            assertThat(candidates(eu)).containsExactly("boreal", "cirrus");
            assertThat(eu.getProvider()).isIn("boreal", "cirrus");
            assertThat(excluded(eu)).isEqualTo(Map.of("atlas", "tenant-required-tag", "delta", "tenant-required-tag"));
        }
    }

    @Test
    void shouldExcludeProvidersWhoseEstimatedCostExceedsTheTenantsLimit() {
        // cirrus: the 64 reserved output tokens alone cost 64 * 0.075 / 1000 = $0.0048 > $0.002.
        try (KrouteDriver k = driver("thompson")) {
            RoutingDecision d = decide(k, "p-1", "thrifty", "write a java function", T0);

            assertThat(excluded(d)).isEqualTo(Map.of("cirrus", "max-cost"));
        }
    }

    @Test
    void shouldQuarantineAPromptNoProviderMayServeWithEveryExclusion() {
        try (KrouteDriver k = driver("thompson")) {
            // fruit allows atlas and boreal; eu-bank needs region:eu, which of those only boreal has; the
            // prompt is too long for boreal's window. Tenant rules are named before class rules.
            k.sendPrompt("p-1", "eu-bank", "apple banana fruit ".repeat(80), T0);

            assertThat(k.readDecisions()).isEmpty();
            QuarantineRecord q = k.readQuarantine().get(0);
            assertThat(q.getCause()).isEqualTo(Reason.NO_ELIGIBLE_PROVIDER.key());
            assertThat(q.getReason()).startsWith("no-eligible-provider: atlas (tenant-required-tag)");
            assertThat(q.getLabel()).isEqualTo("fruit");
            assertThat(q.getFeatures()).isEmpty();
            assertThat(q.getExclusions()).extracting(ProviderExclusion::getProvider, ProviderExclusion::getRule)
                    .containsExactly(tuple("atlas", "tenant-required-tag"), tuple("boreal", "context-window"),
                            tuple("cirrus", "class-allowlist"), tuple("delta", "tenant-required-tag"));
            assertThat(q.getExclusions().get(1).getDetail()).matches("\\d+ tokens \\(mistral, estimated\\) \\+ 64 "
                    + "reserved > window 256");
            assertThat(q.getExclusions().get(0).getDetail()).isEqualTo("requires region:eu, has region:us");
            assertThat(k.counters.count("no-eligible-provider{label=fruit}")).isEqualTo(1);
            assertThat(k.driver.getKeyValueStore(KrouteStores.PENDING_DECISIONS).get("p-1")).isNull();
        }
    }

    @Test
    void shouldLogThePolicysExactProbabilityOverTheEligibleProviders() {
        try (KrouteDriver k = driver("softmax")) {
            trainCodeArms(k);
            for (int i = 0; i < 10; i++) {
                RoutingDecision d = decide(k, "q-" + i, "acme", "write a java function", T0 + 30 * MINUTE + i);

                // Recompute softmax over the eligible arms (cirrus is denied to acme) from the arm statistics:
                // posterior means with the Beta(1, 1) prior, temperature 0.02, then the exploration floor.
                List<String> eligible = List.of("atlas", "boreal", "delta");
                double[] weights = new double[eligible.size()];
                double total = 0;
                for (int j = 0; j < eligible.size(); j++) {
                    ArmState arm = arm(k, "code", eligible.get(j));
                    double mean = (1 + arm.getRewardSum()) / (2 + arm.getWeight());
                    weights[j] = Math.exp(mean / 0.02);
                    total += weights[j];
                }
                double floor = PolicyCatalog.EXPLORATION_FLOOR;
                int chosen = eligible.indexOf(d.getProvider());
                double expected = (1 - eligible.size() * floor) * weights[chosen] / total + floor;
                assertThat(d.getPropensity()).isCloseTo(expected, within(1e-12));
                assertThat(candidates(d)).isEqualTo(eligible);
                for (int j = 0; j < eligible.size(); j++) {
                    assertThat(d.getArms().get(j).getSelectionProbability())
                            .isCloseTo((1 - eligible.size() * floor) * weights[j] / total + floor, within(1e-12));
                }
            }
        }
    }

    @Test
    void shouldOrderFallbacksByThePolicysCurrentEstimate() {
        try (KrouteDriver k = driver("thompson")) {
            trainCodeArms(k);
            RoutingDecision d = decide(k, "q-1", "someone", "write a java function", T0 + 30 * MINUTE);

            List<ArmScore> others = new ArrayList<>(d.getArms());
            others.removeIf(a -> a.getProvider().equals(d.getProvider()));
            others.sort(Comparator.comparingDouble(ArmScore::getExpectedReward).reversed());
            assertThat(d.getFallbacks()).isEqualTo(others.stream().map(ArmScore::getProvider).toList());
            // The arms were trained apart, so the order is strict: atlas best, then delta, boreal, cirrus.
            List<String> all = new ArrayList<>(List.of("atlas", "delta", "boreal", "cirrus"));
            all.remove(d.getProvider());
            assertThat(d.getFallbacks()).isEqualTo(all);
        }
    }

    @Test
    void shouldCreditAFallbackRewardToItsProviderOncePerProvider() {
        try (KrouteDriver k = driver("thompson")) {
            RoutingDecision d = decide(k, "p-1", "acme", "write a java function", T0);
            String primary = d.getProvider();
            String fallback = d.getFallbacks().get(0);

            k.sendReward("p-1", primary, false, 30_000, 0, null, T0 + MINUTE);
            k.sendReward("p-1", fallback, true, 800, 0.001, 0.9, T0 + MINUTE + 1);
            k.sendReward("p-1", fallback, true, 800, 0.001, 0.9, T0 + MINUTE + 2);
            k.sendReward("p-1", "cirrus", true, 800, 0.001, 0.9, T0 + MINUTE + 3);

            assertThat(arm(k, "code", primary).getCount()).isEqualTo(1);
            assertThat(arm(k, "code", primary).getRewardSum()).isZero();
            assertThat(arm(k, "code", fallback).getCount()).as("the repeat is a duplicate").isEqualTo(1);
            assertThat(arm(k, "code", fallback).getRewardSum()).isPositive();
            assertThat(arm(k, "*", fallback).getCount()).isEqualTo(1);
            assertThat(k.counters.count("fallback-rewards-folded{label=code,provider=" + fallback + "}")).isEqualTo(1);
            assertThat(k.counters.count("rewards-duplicate")).isEqualTo(1);
            assertThat(KrouteDriver.header(k.readDeadLetters().get(0), DeadLetter.HEADER_ERROR_REASON))
                    .as("cirrus was excluded for acme, so it is no fallback").isEqualTo("provider-mismatch");
            assertThat(arm(k, "code", "cirrus")).isNull();
        }
    }

    @Test
    void shouldStillFoldTheDefaultRewardForTheChosenProviderWhenOnlyAFallbackAnswered() {
        try (KrouteDriver k = driver("thompson")) {
            RoutingDecision d = decide(k, "p-1", "acme", "write a java function", T0);
            String fallback = d.getFallbacks().get(1);

            k.sendReward("p-1", fallback, true, 800, 0.001, 0.9, T0 + MINUTE);
            k.sendPrompt("p-late", "acme", "write a java function", T0 + 11 * MINUTE);

            assertThat(arm(k, "code", fallback).getCount()).isEqualTo(1);
            assertThat(arm(k, "code", d.getProvider()).getCount()).as("the default reward").isEqualTo(1);
            assertThat(arm(k, "code", d.getProvider()).getRewardSum()).isZero();
        }
    }

    /**
     * Gives the code class's arms clearly different means through decisions and their (fallback) rewards: per
     * prompt, every provider the decision names is rewarded with its own success rate.
     */
    private static void trainCodeArms(KrouteDriver k) {
        Map<String, Double> quality = Map.of("atlas", 0.95, "delta", 0.7, "boreal", 0.45, "cirrus", 0.2);
        for (int i = 0; i < 12; i++) {
            RoutingDecision d = decide(k, "t-" + i, "someone", "write a java function", T0 + i * MINUTE);
            List<String> called = new ArrayList<>(d.getFallbacks());
            called.add(0, d.getProvider());
            for (String provider : called) {
                k.sendReward(d.getPromptId(), provider, true, 1000, 0, quality.get(provider), T0 + i * MINUTE + 1);
            }
        }
    }

    private static ArmState arm(KrouteDriver k, String label, String provider) {
        KeyValueStore<String, ArmState> store = k.driver.getKeyValueStore(KrouteStores.ARM_STATE);
        return store.get(KrouteConfig.armKey(label, provider));
    }
}
