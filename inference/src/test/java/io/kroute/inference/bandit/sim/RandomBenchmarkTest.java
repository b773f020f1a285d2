package io.kroute.inference.bandit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.PolicyCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The random benchmark in small: a few short instances, every shipped policy. */
class RandomBenchmarkTest {

    private static RandomBenchmark.Result run(int threads) {
        return new RandomBenchmark(GeneratorSpec.DEFAULT).run(new RandomBenchmark.Options(4, 11, 4_000, threads,
                PolicyCatalog.NAMES, PolicyCatalog.DEFAULT_HALF_LIFE, BanditConfig.Clock.REWARD_COUNT));
    }

    @Test
    void shouldReportEveryPolicyAgainstTheReferenceSetAndRepeatWhateverTheThreads() {
        RandomBenchmark.Result once = run(2);

        assertThat(once).isEqualTo(run(1));
        assertThat(once.firstSeed()).isEqualTo(11);
        assertThat(once.lastSeed()).isEqualTo(14);
        assertThat(once.policies()).extracting(RandomBenchmark.PolicySummary::policy)
                .containsExactlyElementsOf(RandomBenchmark.policyNames(PolicyCatalog.NAMES));
        for (RandomBenchmark.PolicySummary s : once.policies()) {
            if (s.reference()) {
                // R_best is the lowest regret of the reference set, so no reference policy beats it.
                assertThat(s.worstVsBest()).as(s.policy()).isGreaterThanOrEqualTo(1);
            }
            assertThat(s.medianVsBest()).isLessThanOrEqualTo(s.p90VsBest()).isLessThanOrEqualTo(s.worstVsBest());
        }
        RandomBenchmark.PolicySummary uniform = once.policies().stream().filter(s -> s.policy().equals("uniform"))
                .findFirst().orElseThrow();
        assertThat(List.of(uniform.medianVsUniform(), uniform.worstVsUniform())).containsOnly(1.0);
        assertThat(RandomBenchmark.table(once)).contains("| thompson-detect (not in the reference set) |").contains("seeds 11 to 14");
    }

    @Test
    void shouldTakeQuantilesByNearestRank() {
        double[] values = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};

        assertThat(RandomBenchmark.quantile(values, 0.5)).isEqualTo(5);
        assertThat(RandomBenchmark.quantile(values, 0.9)).isEqualTo(9);
        assertThat(RandomBenchmark.quantile(values, 1)).isEqualTo(10);
    }
}
