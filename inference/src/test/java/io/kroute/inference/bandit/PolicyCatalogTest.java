package io.kroute.inference.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyCatalogTest {

    @Test
    void shouldCreateEveryNamedPolicyWithTheSharedFloor() {
        for (PolicyCatalog.Spec spec : PolicyCatalog.all(4000, BanditConfig.Clock.REWARD_COUNT)) {
            assertThat(spec.config().explorationFloor()).as(spec.name()).isEqualTo(PolicyCatalog.EXPLORATION_FLOOR);
        }
        assertThat(PolicyCatalog.all(4000, BanditConfig.Clock.EVENT_TIME)).extracting(PolicyCatalog.Spec::name)
                .containsExactlyElementsOf(PolicyCatalog.NAMES);
    }

    @Test
    void shouldDiscountOrWindowOnlyThePoliciesThatSaySo() {
        assertThat(PolicyCatalog.create("thompson", 4000).config().forgetting())
                .isEqualTo(Forgetting.changeAware(4000, 0, PolicyCatalog.CHANGE_THRESHOLD));
        assertThat(PolicyCatalog.create("thompson-discounted", 4000).config().forgetting())
                .isEqualTo(Forgetting.halfLife(4000));
        assertThat(PolicyCatalog.create("thompson-stationary", 4000).config().forgetting()).isEqualTo(Forgetting.none());
        assertThat(PolicyCatalog.create("thompson-window", 4000).config().forgetting())
                .isEqualTo(Forgetting.window(500, PolicyCatalog.WINDOW_BUCKETS));
        assertThat(PolicyCatalog.create("ucb1", 4000).config().forgetting()).isEqualTo(Forgetting.none());
    }

    @Test
    void shouldRefuseAnUnknownNameListingTheKnownOnes() {
        assertThatThrownBy(() -> PolicyCatalog.create("thompsen", 4000))
                .hasMessageStartingWith("policy: expected one of [thompson-detect, cusum-ucb, thompson, ")
                .hasMessageEndingWith("found 'thompsen'");
    }
}
