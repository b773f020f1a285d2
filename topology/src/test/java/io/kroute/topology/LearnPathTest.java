package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kroute.inference.bandit.RewardFunction;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.RoutingDecision;
import io.kroute.topology.KrouteConfig.DuplicateRewards;
import io.kroute.topology.pending.PendingDecision;
import io.kroute.topology.pending.PromptHome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class LearnPathTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final RewardFunction REWARDS = new RewardFunction(RewardFunction.Weights.DEFAULT);

    private static KrouteConfig.Builder config() {
        return KrouteConfig.builder().providers(List.of("alpha", "beta")).rewardWindow(Duration.ofMinutes(10))
                .halfLife(Duration.ofMinutes(30)).armStatePublishInterval(Duration.ZERO);
    }

    private static RoutingDecision decide(KrouteDriver k, String id, String text, long time) {
        k.sendPrompt(id, "acme", text, time);
        return k.readDecisions().get(0);
    }

    private static ArmState arm(KrouteDriver k, String label, String provider) {
        KeyValueStore<String, ArmState> store = k.driver.getKeyValueStore(KrouteStores.ARM_STATE);
        return store.get(KrouteConfig.armKey(label, provider));
    }

    @Test
    void shouldFoldMatchedRewardIntoTheClassArmAndTheGlobalArm() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "write a java function", T0);
            k.sendReward("p-1", d.getProvider(), true, 500, 0.002, 0.9, T0 + MINUTE);

            double expected = REWARDS.reward(true, 0.9, 500, 0.002);
            ArmState own = arm(k, "code", d.getProvider());
            assertThat(own.getCount()).isEqualTo(1);
            assertThat(own.getRewardSum()).isCloseTo(expected, within(1e-12));
            assertThat(own.getWeight()).isEqualTo(1.0);
            // The default policy keeps the rewards since the arm's last change with three times the half-life,
            // and the arm's change detector beside them.
            assertThat(own.getHalfLifeMs()).isEqualTo(3 * 30 * MINUTE);
            assertThat(own.getDetection().getChanges()).isZero();
            assertThat(own.getDetection().getDetectors()).allSatisfy(detector -> assertThat(detector.getUpdates()).isEqualTo(1));
            assertThat(own.getLastUpdatedAt()).isEqualTo(Instant.ofEpochMilli(T0 + MINUTE));
            assertThat(arm(k, "*", d.getProvider()).getRewardSum()).isCloseTo(expected, within(1e-12));
            assertThat(k.readArmStates()).extracting(ArmState::getLabel).containsExactlyInAnyOrder("code", "*");
            assertThat(k.counters.count("rewards-folded{label=code,provider=" + d.getProvider() + ",default=false}"))
                    .isEqualTo(1);
            assertThat(k.readDeadLetters()).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterRewardThatMatchesNoDecision() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            k.sendReward("nobody", "alpha", true, 100, 0, null, T0);

            TestRecord<byte[], byte[]> letter = k.readDeadLetters().get(0);
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo("rewards");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_REASON)).isEqualTo("unmatched");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_MESSAGE)).contains("'nobody'");
            assertThat(k.counters.count("rewards-rejected{reason=unmatched}")).isEqualTo(1);
            assertThat(arm(k, "*", "alpha")).isNull();
        }
    }

    @Test
    void shouldDeadLetterLateRewardAndFoldTheDefaultInstead() {
        try (KrouteDriver k = new KrouteDriver(config().defaultReward(OptionalDouble.of(0.1)).build(),
                TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "apple and banana", T0);
            // Event time moves past the window: the decision's window closes without a reward.
            decide(k, "p-2", "apple", T0 + 11 * MINUTE);
            k.sendReward("p-1", d.getProvider(), true, 100, 0, null, T0 + 12 * MINUTE);

            ArmState own = arm(k, "fruit", d.getProvider());
            assertThat(own.getCount()).isEqualTo(1);
            assertThat(own.getRewardSum()).isCloseTo(0.1, within(1e-12));
            assertThat(own.getLastUpdatedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 10 * MINUTE));
            TestRecord<byte[], byte[]> letter = k.readDeadLetters().get(0);
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_REASON)).isEqualTo("late");
            assertThat(k.counters.count("rewards-rejected{reason=late}")).isEqualTo(1);
            assertThat(k.counters.count("rewards-folded{label=fruit,provider=" + d.getProvider() + ",default=true}"))
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldFoldNoDefaultWhenNoneIsConfigured() {
        try (KrouteDriver k = new KrouteDriver(config().defaultReward(OptionalDouble.empty()).build(),
                TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "apple and banana", T0);
            decide(k, "p-2", "apple", T0 + 11 * MINUTE);

            assertThat(arm(k, "fruit", d.getProvider())).isNull();
        }
    }

    @Test
    void shouldForgetClosedDecisionsAfterAnotherWindowSoTheirRewardsBecomeUnmatched() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "apple and banana", T0);
            decide(k, "p-2", "apple", T0 + 21 * MINUTE);
            k.sendReward("p-1", d.getProvider(), true, 100, 0, null, T0 + 21 * MINUTE);

            assertThat(k.driver.getKeyValueStore(KrouteStores.PENDING_DECISIONS).get("p-1")).isNull();
            assertThat(KrouteDriver.header(k.readDeadLetters().get(0), DeadLetter.HEADER_ERROR_REASON))
                    .isEqualTo("unmatched");
        }
    }

    @Test
    void shouldCountDuplicateRewardOnceByDefault() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "a poem in verse", T0);
            k.sendReward("p-1", d.getProvider(), true, 100, 0, 1.0, T0 + MINUTE);
            k.sendReward("p-1", d.getProvider(), false, 100, 0, null, T0 + 2 * MINUTE);

            ArmState own = arm(k, "poetry", d.getProvider());
            assertThat(own.getCount()).isEqualTo(1);
            assertThat(own.getRewardSum()).isCloseTo(REWARDS.reward(true, 1.0, 100, 0), within(1e-12));
            assertThat(k.counters.count("rewards-duplicate")).isEqualTo(1);
            assertThat(k.readDeadLetters()).isEmpty();
        }
    }

    @Test
    void shouldSumDuplicateRewardsWhenConfigured() {
        try (KrouteDriver k = new KrouteDriver(config().duplicateRewards(DuplicateRewards.SUM).build(),
                TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "a poem in verse", T0);
            k.sendReward("p-1", d.getProvider(), true, 100, 0, 1.0, T0 + MINUTE);
            k.sendReward("p-1", d.getProvider(), true, 100, 0, 1.0, T0 + MINUTE);

            ArmState own = arm(k, "poetry", d.getProvider());
            assertThat(own.getCount()).isEqualTo(2);
            assertThat(own.getRewardSum()).isCloseTo(2 * REWARDS.reward(true, 1.0, 100, 0), within(1e-12));
        }
    }

    @Test
    void shouldDeadLetterRewardNamingAProviderNeitherChosenNorAFallback() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            decide(k, "p-1", "a poem in verse", T0);
            String other = "gamma";
            k.sendReward("p-1", other, true, 100, 0, null, T0 + MINUTE);

            assertThat(KrouteDriver.header(k.readDeadLetters().get(0), DeadLetter.HEADER_ERROR_REASON))
                    .isEqualTo("provider-mismatch");
            assertThat(arm(k, "poetry", other)).isNull();
        }
    }

    @Test
    void shouldDeadLetterRewardWithInvalidValuesOrBytes() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "a poem in verse", T0);
            k.sendReward("p-1", d.getProvider(), true, -5, 0, null, T0 + MINUTE);
            k.rewards.pipeInput("p-1", new byte[] {0, 0}, T0 + MINUTE);

            List<TestRecord<byte[], byte[]>> letters = k.readDeadLetters();
            assertThat(letters).extracting(r -> KrouteDriver.header(r, DeadLetter.HEADER_ERROR_REASON))
                    .containsExactly("invalid-reward", "truncated");
            assertThat(KrouteDriver.header(letters.get(0), DeadLetter.HEADER_ERROR_MESSAGE)).contains("latencyMs");
        }
    }

    @Test
    void shouldKeepNoHistoryForAPolicyThatAlwaysDiscounts() {
        try (KrouteDriver k = new KrouteDriver(config().policy("thompson-discounted").build(), TestWeights.file("v1"))) {
            RoutingDecision d = decide(k, "p-1", "write a java function", T0);
            k.sendReward("p-1", d.getProvider(), true, 500, 0.002, 0.9, T0 + MINUTE);

            ArmState own = arm(k, "code", d.getProvider());
            assertThat(own.getCount()).isEqualTo(1);
            assertThat(own.getHalfLifeMs()).isEqualTo(30 * MINUTE);
            assertThat(own.getHistory()).isNull();
        }
    }

    @Test
    void shouldDiscountOlderRewardsByTheirAgeInEventTime() {
        try (KrouteDriver k = new KrouteDriver(config().policy("thompson").rewardWindow(Duration.ofHours(2)).build(),
                TestWeights.file("v1"))) {
            RoutingDecision first = decide(k, "p-1", "write a java function", T0);
            RoutingDecision second = decide(k, "p-2", "write a java function", T0 + 1);
            k.sendReward("p-1", first.getProvider(), true, 0, 0, 1.0, T0 + MINUTE);
            // One half-life later.
            k.sendReward("p-2", second.getProvider(), false, 0, 0, null, T0 + 31 * MINUTE);

            ArmState global = arm(k, "*", first.getProvider());
            if (first.getProvider().equals(second.getProvider())) {
                assertThat(global.getCount()).isEqualTo(2);
                assertThat(global.getWeight()).isCloseTo(1.5, within(1e-9));
                assertThat(global.getRewardSum()).isCloseTo(0.5, within(1e-9));
                assertThat(global.getVersion()).isEqualTo(2);
                // Change-aware discounting discounts only after a change, so the undiscounted history is kept beside.
                assertThat(global.getHistory().getWeight()).isEqualTo(2.0);
                assertThat(global.getHistory().getRewardSum()).isEqualTo(1.0);
                assertThat(global.getHistory().getHalfLifeMs()).isNull();
            } else {
                assertThat(global.getWeight()).isEqualTo(1.0);
                ArmState other = arm(k, "*", second.getProvider());
                assertThat(other.getWeight()).isEqualTo(1.0);
                assertThat(other.getRewardSum()).isEqualTo(0.0);
            }
        }
    }

    @Test
    void shouldJoinRewardsInTheTaskThatDecidesWithoutReadingDecisionsBack() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            TopologyDescription description = k.built.topology().describe();
            List<Set<String>> inputs = description.subtopologies().stream()
                    .map(sub -> sub.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                            .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                            .collect(Collectors.toSet()))
                    .toList();

            assertThat(inputs).noneMatch(topics -> topics.contains(KrouteTopics.DECISIONS));
            assertThat(inputs).anyMatch(topics -> topics.equals(Set.of(KrouteTopics.PROMPTS, KrouteTopics.REWARDS,
                    KrouteTopology.WINDOWS_HOME + "-repartition", KrouteTopology.REWARDS_HOME + "-repartition")));
        }
    }

    @Test
    void shouldJoinInPlaceWithoutRepartitioningWhenTheTaskIsThePromptIdsHome() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"), 1)) {
            RoutingDecision d = decide(k, "p-1", "write a java function", T0);
            k.sendReward("p-1", d.getProvider(), true, 500, 0.002, 0.9, T0 + MINUTE);

            assertThat(arm(k, "code", d.getProvider()).getCount()).isEqualTo(1);
            assertThat(k.driver.producedTopicNames()).noneMatch(topic -> topic.endsWith("-home-repartition"));
        }
    }

    @Test
    void shouldJoinRewardsOfPromptsWhoseProducersChoseAnotherPartitionThanTheirIdsHome() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"), 64)) {
            // Of 64 partitions the driver's task is partition 0: these ids' home is elsewhere, so both the window
            // and the reward travel through kroute's repartition topics, as when librdkafka producers hash them.
            List<String> ids = IntStream.range(0, 200).mapToObj(i -> "p-" + i)
                    .filter(id -> PromptHome.partitionOf(id, 64) != 0).limit(3).toList();
            for (String id : ids) {
                RoutingDecision d = decide(k, id, "write a java function", T0);
                k.sendReward(id, d.getProvider(), true, 500, 0.002, 0.9, T0 + MINUTE);
            }

            assertThat(k.driver.producedTopicNames()).contains("kroute-" + KrouteTopology.WINDOWS_HOME
                    + "-repartition", "kroute-" + KrouteTopology.REWARDS_HOME + "-repartition");
            assertThat(k.counters.count("rewards-rejected{reason=unmatched}")).isZero();
            assertThat(k.counters.count("rewards-folded{label=code,provider=alpha,default=false}")
                    + k.counters.count("rewards-folded{label=code,provider=beta,default=false}")).isEqualTo(3);
        }
    }

    @Test
    void shouldNameTheRewardsTopicInTheDeadLetterOfARewardMovedHome() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"), 64)) {
            String id = IntStream.range(0, 200).mapToObj(i -> "nobody-" + i)
                    .filter(candidate -> PromptHome.partitionOf(candidate, 64) != 0).findFirst().orElseThrow();
            k.sendReward(id, "alpha", true, 100, 0, null, T0);

            TestRecord<byte[], byte[]> letter = k.readDeadLetters().get(0);
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo("rewards");
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("0");
            assertThat(letter.headers().headers(DeadLetter.HEADER_SOURCE_TOPIC)).hasSize(1);
            assertThat(KrouteDriver.header(letter, DeadLetter.HEADER_ERROR_REASON)).isEqualTo("unmatched");
        }
    }

    @Test
    void shouldOpenTheWindowWhenDecidingSoARewardJoinsBeforeTheDecisionIsReadAnywhere() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            k.sendPrompt("p-1", "acme", "write a java function", T0);

            PendingDecision pending = k.driver.<String, PendingDecision>getKeyValueStore(
                    KrouteStores.PENDING_DECISIONS).get("p-1");
            RoutingDecision d = k.readDecisions().get(0);
            assertThat(pending).isEqualTo(new PendingDecision("code", d.getProvider(), d.getPropensity(), T0,
                    T0 + 10 * MINUTE, 0, false, d.getFallbacks(), 0));
            k.sendReward("p-1", d.getProvider(), true, 500, 0.002, 0.9, T0 + MINUTE);
            assertThat(arm(k, "code", d.getProvider()).getCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepTheFirstWindowWhenOnePromptIdIsDecidedTwice() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            k.sendPrompt("p-1", "acme", "write a java function", T0);
            k.sendPrompt("p-1", "acme", "apple and banana", T0 + MINUTE);

            List<RoutingDecision> both = k.readDecisions();
            assertThat(both).hasSize(2);
            PendingDecision pending = k.driver.<String, PendingDecision>getKeyValueStore(
                    KrouteStores.PENDING_DECISIONS).get("p-1");
            assertThat(pending.label()).isEqualTo("code");
            assertThat(pending.provider()).isEqualTo(both.get(0).getProvider());
            assertThat(pending.decidedAt()).isEqualTo(T0);
        }
    }

    @Test
    void shouldOpenNoWindowForAQuarantinedPrompt() {
        try (KrouteDriver k = new KrouteDriver(config().build(), TestWeights.file("v1"))) {
            k.sendPrompt("p-long", "acme", "a poem in verse " + "!".repeat(300), T0);
            assertThat(k.readQuarantine()).hasSize(1);

            k.sendReward("p-long", "alpha", true, 100, 0, null, T0 + MINUTE);

            assertThat(KrouteDriver.header(k.readDeadLetters().get(0), DeadLetter.HEADER_ERROR_REASON))
                    .isEqualTo("unmatched");
        }
    }
}
