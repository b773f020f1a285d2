package io.kroute.topology;

import io.kroute.inference.bandit.Forgetting;
import io.kroute.inference.bandit.PolicyCatalog;
import io.kroute.inference.bandit.RewardFunction;
import io.kroute.inference.routing.ProviderCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Everything the topology needs to know, validated once at construction so a bad setting fails at start-up
 * with a message naming the setting, what was expected and what was found. Immutable; build with
 * {@link #builder()}, whose values are the defaults: the application's settings take theirs from it.
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl {@code mock://scope} for the in-memory registry, or {@code http(s)://...}
 * @param promptFormat how values on the prompts topic are encoded
 * @param decisionFormat how kroute encodes the values it writes to decisions and quarantine
 * @param modelName which model on the weights topic this application follows (the record key)
 * @param providers the LLM providers the bandits choose from (the arms), in a stable order
 * @param policy bandit policy name
 * @param halfLife half-life of the discounting of arm statistics, in event time
 * @param minClassEvidence discounted reward count a class needs before its own arms are used; below it the
 *     decision uses the global arms that learn from every class
 * @param anomalyEnabled whether prompts are screened at all
 * @param tenantBaselines whether each tenant also gets an adaptive baseline learnt from its own prompts
 * @param maxPromptChars the longest prompt, in characters (UTF-16 units), that is classified and screened; a longer
 *     one is quarantined as {@code oversize} (size is a policy, not an anomaly)
 * @param tenantMinPrompts (discounted) prompts a tenant's baseline needs before it replaces the weight file's
 * @param tenantHalfLife half-life of a tenant baseline's memory, in event time
 * @param rewardWindow how long after a decision its reward may arrive
 * @param defaultReward the reward folded in for a decision that got none within the window; empty for none
 * @param duplicateRewards what a second reward for the same decision does
 * @param rewardWeights how success, quality, latency and cost combine into a reward (see {@link RewardFunction})
 * @param armStatePublishInterval how often changed arm statistics are written to {@code arm-state};
 *     zero writes every change at once
 * @param seed seed of the bandits' random draws (each task derives its own from it)
 * @param catalog the providers with their context windows, prices, tags and tokenizers, and the eligibility
 *     rules (docs/routing.md); its names are {@code providers}. Null (in the builder: unset) makes one from
 *     {@code providers} alone, with no limits and no rules.
 * @param outputReserveTokens replaces the catalog's output reserve when present
 * @param maxCostUsd replaces the catalog's global cost limit when present
 */
public record KrouteConfig(
        String applicationId,
        String bootstrapServers,
        String schemaRegistryUrl,
        PromptFormat promptFormat,
        DecisionFormat decisionFormat,
        String modelName,
        List<String> providers,
        String policy,
        Duration halfLife,
        double minClassEvidence,
        boolean anomalyEnabled,
        long maxPromptChars,
        boolean tenantBaselines,
        long tenantMinPrompts,
        Duration tenantHalfLife,
        Duration rewardWindow,
        OptionalDouble defaultReward,
        DuplicateRewards duplicateRewards,
        RewardFunction.Weights rewardWeights,
        Duration armStatePublishInterval,
        long seed,
        ProviderCatalog catalog,
        OptionalLong outputReserveTokens,
        OptionalDouble maxCostUsd) {

    /** How prompt events are encoded on the wire. */
    public enum PromptFormat {
        /** Confluent wire format: magic byte, schema id, Avro binary. */
        AVRO,
        /** One UTF-8 JSON object per record. */
        JSON
    }

    /** How decisions and quarantine records are encoded on the wire. */
    public enum DecisionFormat {
        /** Confluent wire format: magic byte, schema id, Avro binary. */
        AVRO,
        /** One UTF-8 JSON object per record, with the Avro schema's field names (docs/schemas.md). */
        JSON
    }

    /** What a second (third, ...) reward for the same decision does. */
    public enum DuplicateRewards {
        /** Only the first reward counts; later ones are counted as duplicates and otherwise ignored. */
        FIRST,
        /** Every reward is folded into the arm. */
        SUM
    }

    /** Provider names end up in {@code arm-state} keys, which use this separator. */
    public static final char ARM_KEY_SEPARATOR = '|';

    public KrouteConfig {
        applicationId = requireText("applicationId", applicationId);
        bootstrapServers = requireText("bootstrapServers", bootstrapServers);
        schemaRegistryUrl = requireText("schemaRegistryUrl", schemaRegistryUrl);
        Objects.requireNonNull(promptFormat, "promptFormat: expected AVRO or JSON, found null");
        Objects.requireNonNull(decisionFormat, "decisionFormat: expected AVRO or JSON, found null");
        modelName = requireText("modelName", modelName);
        providers = checkProviders(catalog == null ? providers : catalog.names());
        catalog = catalog == null ? ProviderCatalog.ofNames(providers) : catalog;
        Objects.requireNonNull(outputReserveTokens, "outputReserveTokens: expected a value or empty, found null");
        Objects.requireNonNull(maxCostUsd, "maxCostUsd: expected a value or empty, found null");
        if (outputReserveTokens.isPresent() && outputReserveTokens.getAsLong() < 0) {
            throw new IllegalArgumentException("outputReserveTokens: expected a whole number >= 0, found "
                    + outputReserveTokens.getAsLong());
        }
        if (maxCostUsd.isPresent() && !(maxCostUsd.getAsDouble() > 0 && Double.isFinite(maxCostUsd.getAsDouble()))) {
            throw new IllegalArgumentException("maxCostUsd: expected a finite amount > 0, found " + maxCostUsd.getAsDouble());
        }
        if (outputReserveTokens.isPresent() || maxCostUsd.isPresent()) {
            catalog = catalog.withLimits(outputReserveTokens.orElse(catalog.rules().outputReserveTokens()),
                    maxCostUsd.orElse(catalog.rules().maxCostUsd()));
        }
        policy = requireText("policy", policy);
        halfLife = requirePositive("halfLife", halfLife);
        // Fails with the list of known names for an unknown policy.
        PolicyCatalog.Spec spec = PolicyCatalog.create(policy, halfLife.toMillis());
        if (spec.config().forgetting() instanceof Forgetting.SlidingWindow) {
            throw new IllegalArgumentException("policy: expected a policy with exponential, change-aware or no "
                    + "discounting (the arm-state format), found '" + policy + "' with " + spec.config().forgetting());
        }
        if (!(minClassEvidence >= 0) || Double.isInfinite(minClassEvidence)) {
            throw new IllegalArgumentException("minClassEvidence: expected a finite number >= 0, found " + minClassEvidence);
        }
        if (maxPromptChars < 1) {
            throw new IllegalArgumentException("maxPromptChars: expected at least 1 character, found " + maxPromptChars);
        }
        if (tenantMinPrompts < 2) {
            throw new IllegalArgumentException("tenantMinPrompts: expected at least 2 (a spread needs two values), found "
                    + tenantMinPrompts);
        }
        tenantHalfLife = requirePositive("tenantHalfLife", tenantHalfLife);
        rewardWindow = requirePositive("rewardWindow", rewardWindow);
        Objects.requireNonNull(defaultReward, "defaultReward: expected a value or OptionalDouble.empty(), found null");
        if (defaultReward.isPresent() && !(defaultReward.getAsDouble() >= 0 && defaultReward.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("defaultReward: expected a number in [0, 1] or none, found "
                    + defaultReward.getAsDouble());
        }
        Objects.requireNonNull(duplicateRewards, "duplicateRewards: expected FIRST or SUM, found null");
        Objects.requireNonNull(rewardWeights, "rewardWeights: expected the reward function's weights, found null");
        Objects.requireNonNull(armStatePublishInterval, "armStatePublishInterval: expected a duration, found null");
        if (armStatePublishInterval.isNegative()) {
            throw new IllegalArgumentException("armStatePublishInterval: expected zero or a positive duration, found "
                    + armStatePublishInterval);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with the defaults. */
    public Builder toBuilder() {
        return new Builder().applicationId(applicationId).bootstrapServers(bootstrapServers)
                .schemaRegistryUrl(schemaRegistryUrl).promptFormat(promptFormat).decisionFormat(decisionFormat)
                .modelName(modelName)
                .providers(providers).policy(policy).halfLife(halfLife).minClassEvidence(minClassEvidence)
                .anomalyEnabled(anomalyEnabled).maxPromptChars(maxPromptChars).tenantBaselines(tenantBaselines).tenantMinPrompts(tenantMinPrompts)
                .tenantHalfLife(tenantHalfLife).rewardWindow(rewardWindow).defaultReward(defaultReward).duplicateRewards(duplicateRewards)
                .rewardWeights(rewardWeights).armStatePublishInterval(armStatePublishInterval).seed(seed)
                .catalog(catalog).outputReserveTokens(outputReserveTokens).maxCostUsd(maxCostUsd);
    }

    /** The key of one arm on {@code arm-state} and in the arm stores: {@code class|provider}. */
    public static String armKey(String label, String provider) {
        return label + ARM_KEY_SEPARATOR + provider;
    }

    private static String requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": expected a non-blank value, found "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    private static Duration requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + ": expected a positive duration, found " + value);
        }
        return value;
    }

    private static List<String> checkProviders(List<String> providers) {
        if (providers == null || providers.isEmpty()) {
            throw new IllegalArgumentException("providers: expected at least one provider name, found none");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String provider : providers) {
            requireText("providers", provider);
            if (provider.indexOf(ARM_KEY_SEPARATOR) >= 0 || !provider.strip().equals(provider)) {
                throw new IllegalArgumentException("providers: expected names without '" + ARM_KEY_SEPARATOR
                        + "' or surrounding spaces, found '" + provider + "'");
            }
            if (!unique.add(provider)) {
                throw new IllegalArgumentException("providers: expected distinct names, found '" + provider + "' twice");
            }
        }
        return List.copyOf(new ArrayList<>(unique));
    }

    /** Collects settings; unset ones keep their defaults. */
    public static final class Builder {
        private String applicationId = "kroute";
        private String bootstrapServers = "localhost:9092";
        private String schemaRegistryUrl = "mock://kroute";
        private PromptFormat promptFormat = PromptFormat.AVRO;
        private DecisionFormat decisionFormat = DecisionFormat.AVRO;
        private String modelName = "default";
        private List<String> providers = List.of("openai", "anthropic", "mistral");
        private String policy = "thompson-detect";
        private Duration halfLife = Duration.ofHours(1);
        private double minClassEvidence = 5;
        private boolean anomalyEnabled = true;
        // Above anything the prompts topic accepts (records of at most 1 MiB, at least a byte per character).
        private long maxPromptChars = 2_097_152;
        private boolean tenantBaselines = false;
        private long tenantMinPrompts = 50;
        private Duration tenantHalfLife = Duration.ofDays(1);
        private Duration rewardWindow = Duration.ofMinutes(10);
        private OptionalDouble defaultReward = OptionalDouble.of(0.0);
        private DuplicateRewards duplicateRewards = DuplicateRewards.FIRST;
        private RewardFunction.Weights rewardWeights = RewardFunction.Weights.DEFAULT;
        private Duration armStatePublishInterval = Duration.ofSeconds(1);
        private long seed = 42;
        private ProviderCatalog catalog;
        private OptionalLong outputReserveTokens = OptionalLong.empty();
        private OptionalDouble maxCostUsd = OptionalDouble.empty();

        public Builder applicationId(String value) {
            applicationId = value;
            return this;
        }

        public Builder bootstrapServers(String value) {
            bootstrapServers = value;
            return this;
        }

        public Builder schemaRegistryUrl(String value) {
            schemaRegistryUrl = value;
            return this;
        }

        public Builder decisionFormat(DecisionFormat value) {
            decisionFormat = value;
            return this;
        }

        public Builder promptFormat(PromptFormat value) {
            promptFormat = value;
            return this;
        }

        public Builder modelName(String value) {
            modelName = value;
            return this;
        }

        /** The providers by name alone (the {@code --providers} shortcut); replaces a catalog set before. */
        public Builder providers(List<String> value) {
            providers = value;
            catalog = null;
            return this;
        }

        public Builder outputReserveTokens(OptionalLong value) {
            outputReserveTokens = value;
            return this;
        }

        public Builder maxCostUsd(OptionalDouble value) {
            maxCostUsd = value;
            return this;
        }

        /** The providers and eligibility rules of a catalog file; replaces providers set before. */
        public Builder catalog(ProviderCatalog value) {
            catalog = value;
            if (value != null) {
                providers = value.names();
            }
            return this;
        }

        public Builder policy(String value) {
            policy = value;
            return this;
        }

        public Builder halfLife(Duration value) {
            halfLife = value;
            return this;
        }

        public Builder minClassEvidence(double value) {
            minClassEvidence = value;
            return this;
        }

        public Builder anomalyEnabled(boolean value) {
            anomalyEnabled = value;
            return this;
        }

        public Builder maxPromptChars(long value) {
            maxPromptChars = value;
            return this;
        }

        public Builder tenantBaselines(boolean value) {
            tenantBaselines = value;
            return this;
        }

        public Builder tenantMinPrompts(long value) {
            tenantMinPrompts = value;
            return this;
        }

        public Builder tenantHalfLife(Duration value) {
            tenantHalfLife = value;
            return this;
        }

        public Builder rewardWindow(Duration value) {
            rewardWindow = value;
            return this;
        }

        public Builder defaultReward(OptionalDouble value) {
            defaultReward = value;
            return this;
        }

        public Builder rewardWeights(RewardFunction.Weights value) {
            rewardWeights = value;
            return this;
        }

        /** Changes the reward weights set so far, e.g. one term at a time. */
        public Builder rewardWeights(UnaryOperator<RewardFunction.Weights> change) {
            rewardWeights = change.apply(rewardWeights);
            return this;
        }

        public Builder duplicateRewards(DuplicateRewards value) {
            duplicateRewards = value;
            return this;
        }

        public Builder armStatePublishInterval(Duration value) {
            armStatePublishInterval = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public KrouteConfig build() {
            return new KrouteConfig(applicationId, bootstrapServers, schemaRegistryUrl, promptFormat, decisionFormat,
                    modelName, providers, policy, halfLife, minClassEvidence, anomalyEnabled, maxPromptChars,
                    tenantBaselines, tenantMinPrompts, tenantHalfLife, rewardWindow, defaultReward, duplicateRewards,
                    rewardWeights, armStatePublishInterval, seed, catalog, outputReserveTokens, maxCostUsd);
        }
    }
}
