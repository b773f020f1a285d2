package io.kroute.bench.decision;

import io.kroute.bench.BenchmarkInputs;
import io.kroute.inference.anomaly.AnomalyModel;
import io.kroute.inference.anomaly.FeatureBaseline;
import io.kroute.inference.anomaly.PromptAnalysis;
import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.anomaly.PromptFeature;
import io.kroute.inference.anomaly.RunningStats;
import io.kroute.inference.bandit.BanditPriors;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.routing.ProviderCatalog;
import io.kroute.inference.weights.WeightFile;
import io.kroute.schemas.ArmState;
import io.kroute.schemas.ProviderExclusion;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.arms.ArmBoard;
import io.kroute.topology.decide.DecideFactory;
import io.kroute.topology.decide.ProviderChooser;
import io.kroute.topology.decide.ProviderRules;
import io.kroute.topology.weights.ActiveModel;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything a decision needs, built as the decide processor builds it: the active model (classifier and anomaly
 * filter), and a provider chooser over arm statistics that every class has already learnt (the steady state).
 */
public final class DecisionFixture {
    /** A z-score this far out is rare for prompts drawn from the baseline's own distribution. */
    private static final double FITTED_THRESHOLD = 6.0;

    final WeightFile file;
    final ActiveModel model;
    final ProviderChooser chooser;
    final String[] texts;
    final boolean fittedAnomalyBaselines;
    /** The routing rules of this task; null when the benchmark runs without a catalog ({@code rules=none}). */
    final ProviderRules rules;

    DecisionFixture(BenchCase benchCase, String policy) {
        this(benchCase, policy, "none");
    }

    /** @param rulesMode {@code none} (three providers, no rules) or a {@link RoutingFixture} mode */
    DecisionFixture(BenchCase benchCase, String policy, String rulesMode) {
        file = BenchmarkInputs.weights(benchCase.weights);
        texts = BenchmarkInputs.prompts(benchCase.prompts);
        fittedAnomalyBaselines = file.anomaly().isEmpty();
        AnomalyModel anomaly = file.anomaly().orElseGet(() -> fitBaselines(file.classifier(), texts));
        BanditPriors priors = file.section("bandit").map(BanditPriors::fromJson).orElse(BanditPriors.none());
        model = new ActiveModel(file, new PromptAnalyzer(file.classifier(), anomaly), priors, "bench");
        KrouteConfig.Builder builder = KrouteConfig.builder().policy(policy);
        ProviderCatalog catalog = rulesMode.equals("none") ? null
                : RoutingFixture.catalog(rulesMode, file.classifier().classes().get(0));
        if (catalog != null) {
            builder.catalog(catalog);
        }
        KrouteConfig config = builder.build();
        DecideFactory decide = DecideFactory.of(config, learntArms(file.classifier().classes(), config));
        chooser = decide.chooser(config.seed());
        rules = catalog == null ? null : decide.rules();
    }

    /**
     * Arm statistics in which every class has learnt every provider (seeded), so choices come from class
     * statistics as in steady state.
     */
    public static ArmBoard learntArms(List<String> classes, KrouteConfig config) {
        ArmBoard board = new ArmBoard();
        SplittableRandom random = new SplittableRandom(1);
        for (String label : classes) {
            for (String provider : config.providers()) {
                double weight = 50 + random.nextInt(50);
                double sum = weight * random.nextDouble();
                board.update(ArmState.newBuilder().setLabel(label).setProvider(provider).setSuccesses(sum)
                        .setFailures(weight - sum).setRewardSum(sum).setRewardSquareSum(sum).setWeight(weight)
                        .setCount((long) weight).setHalfLifeMs(config.halfLife().toMillis())
                        .setLastUpdatedAt(Instant.EPOCH).setVersion(1).build());
            }
        }
        return board;
    }

    /** The whole decision for one prompt: classify and screen in one pass, then choose a provider unless held. */
    Object decide(String text) {
        PromptAnalysis analysis = model.analyzer().analyze(text);
        if (analysis.anomaly().flagged()) {
            return analysis;
        }
        String label = analysis.classification().label();
        if (rules == null) {
            return chooser.choose(label, model);
        }
        // As the decide processor routes: the eligible providers, then a choice among them with its exclusions.
        long eligible = rules.eligible(label, RoutingFixture.TENANT, text);
        if (eligible == 0) {
            return rules.quarantineExclusions(label, RoutingFixture.TENANT);
        }
        return new RoutedChoice(chooser.choose(label, model, eligible),
                rules.decisionExclusions(label, RoutingFixture.TENANT, eligible));
    }

    /** What a decision record is made of when the rules are on: the choice and the exclusions it names. */
    record RoutedChoice(ProviderChooser.Chosen chosen, List<ProviderExclusion> exclusions) {
    }

    /**
     * Baselines fitted on the benchmark's own prompts, for weight files without an {@code anomaly} section. Scoring
     * costs the same whatever the baseline values; fitting them on the prompts keeps the quarantine branch rare, as
     * it is in production.
     */
    static AnomalyModel fitBaselines(TextClassifier classifier, String[] texts) {
        FeatureBaseline[] neutral = new FeatureBaseline[PromptFeature.count()];
        Arrays.fill(neutral, new FeatureBaseline(FeatureBaseline.Transform.NONE, FeatureBaseline.Direction.BOTH,
                FeatureBaseline.Method.STANDARD, 0, 1, 0, 1, 1));
        PromptAnalyzer extractor = new PromptAnalyzer(classifier, new AnomalyModel(neutral, Double.MAX_VALUE));
        RunningStats[] stats = new RunningStats[PromptFeature.count()];
        Arrays.fill(stats, RunningStats.EMPTY);
        for (String text : texts) {
            double[] values = extractor.features(text).toArray();
            for (int i = 0; i < values.length; i++) {
                stats[i] = stats[i].plus(values[i]);
            }
        }
        FeatureBaseline[] fitted = new FeatureBaseline[PromptFeature.count()];
        for (int i = 0; i < fitted.length; i++) {
            double std = stats[i].std();
            fitted[i] = new FeatureBaseline(FeatureBaseline.Transform.NONE, FeatureBaseline.Direction.BOTH,
                    FeatureBaseline.Method.STANDARD, stats[i].mean(), std, stats[i].mean(), std,
                    Math.max(std, 1e-6));
        }
        return new AnomalyModel(fitted, FITTED_THRESHOLD);
    }
}
