package io.kroute.topology.decide;

import io.kroute.inference.bandit.ArmView;
import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.BanditPriors;
import io.kroute.inference.bandit.BanditState;
import io.kroute.inference.bandit.Choice;
import io.kroute.inference.bandit.ContextualBandit;
import io.kroute.inference.bandit.EligibleChoice;
import io.kroute.inference.bandit.Policy;
import io.kroute.schemas.ArmScore;
import io.kroute.schemas.ArmState;
import io.kroute.topology.arms.ArmBoard;
import io.kroute.topology.arms.ArmStates;
import io.kroute.topology.weights.ActiveModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Chooses a provider for a prompt class from the arm statistics on the {@link ArmBoard}: the class's own arms
 * once they carry {@code minClassEvidence} of (discounted) rewards, the global arms before that, restricted to the
 * providers eligible for the prompt. The policy runs on the eligible arms alone ({@link EligibleChoice}), so the
 * logged propensity is the exact probability of the choice among them. What a choice needs (the distribution,
 * the per-arm scores, the fallback order for each possible choice) is prepared once per class and set of
 * eligible providers, and again only when the class's arms or the model change; most decisions then cost one
 * uniform draw and one small object. One instance per task; not thread-safe.
 */
public final class ProviderChooser {

    /**
     * A choice and what the policy knew about every eligible candidate when it made it, with the other eligible
     * providers best first ({@code arms} and {@code fallbacks} are shared, read-only).
     */
    public record Chosen(Choice choice, boolean explored, List<ArmScore> arms, List<String> fallbacks) {
    }

    /** The state of one class's scope, and the choices prepared from it per set of eligible providers. */
    private static final class ClassCache {
        final ArmBoard.ClassArms classArms;
        final ArmBoard.ClassArms globalArms;
        final ActiveModel model;
        final String scope;
        final BanditState state;
        final MaskCache<Prepared> byEligible = new MaskCache<>();

        ClassCache(ArmBoard.ClassArms classArms, ArmBoard.ClassArms globalArms, ActiveModel model, String scope,
                BanditState state) {
            this.classArms = classArms;
            this.globalArms = globalArms;
            this.model = model;
            this.scope = scope;
            this.state = state;
        }
    }

    private record Prepared(EligibleChoice choice, List<ArmScore> scores, List<List<String>> fallbacksByChoice) {
    }

    private final Policy policy;
    private final BanditConfig bandit;
    private final List<String> providers;
    private final long allProviders;
    private final double minClassEvidence;
    private final ArmBoard board;
    private final RandomGenerator random;
    private final Map<String, ClassCache> prepared = new HashMap<>();

    public ProviderChooser(Policy policy, BanditConfig bandit, List<String> providers, double minClassEvidence,
            ArmBoard board, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.bandit = Objects.requireNonNull(bandit, "bandit");
        this.providers = List.copyOf(providers);
        if (this.providers.size() > 64) {
            throw new IllegalArgumentException("providers: expected at most 64, found " + this.providers.size());
        }
        this.allProviders = this.providers.size() == 64 ? -1L : (1L << this.providers.size()) - 1;
        this.minClassEvidence = minClassEvidence;
        this.board = Objects.requireNonNull(board, "board");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A choice among every provider. */
    public Chosen choose(String label, ActiveModel model) {
        return choose(label, model, allProviders);
    }

    /**
     * A choice among the providers whose bit is set in {@code eligible} (bit {@code i} for provider {@code i};
     * at least one).
     */
    public Chosen choose(String label, ActiveModel model, long eligible) {
        ArmBoard.ClassArms classArms = board.arms(label);
        ArmBoard.ClassArms globalArms = board.arms(ContextualBandit.GLOBAL);
        ClassCache cache = prepared.get(label);
        if (cache == null || cache.classArms != classArms || cache.globalArms != globalArms || cache.model != model) {
            cache = scope(label, classArms, globalArms, model);
            prepared.put(label, cache);
        }
        Prepared p = cache.byEligible.get(eligible);
        if (p == null) {
            p = prepare(cache, eligible);
            cache.byEligible.put(eligible, p);
        }
        Choice choice = p.choice.distribution().sample(random);
        return new Chosen(choice, choice.index() != p.choice.best(), p.scores, p.fallbacksByChoice.get(choice.index()));
    }

    private ClassCache scope(String label, ArmBoard.ClassArms classArms, ArmBoard.ClassArms globalArms,
            ActiveModel model) {
        BanditState state = state(label, classArms, model.priors());
        String scope = label;
        if (state.evidenceWeight() < minClassEvidence) {
            state = state(ContextualBandit.GLOBAL, globalArms, model.priors());
            scope = ContextualBandit.GLOBAL;
        }
        return new ClassCache(classArms, globalArms, model, scope, state);
    }

    private Prepared prepare(ClassCache cache, long eligible) {
        ArmView view = cache.state.view();
        EligibleChoice choice = EligibleChoice.prepare(policy, view, eligible & allProviders,
                bandit.explorationFloor(), cache.scope, cache.state.version(), random);
        int[] full = choice.fullIndex();
        double[] pulls = new double[full.length];
        for (int j = 0; j < full.length; j++) {
            pulls[j] = view.weight()[full[j]];
        }
        List<ArmScore> scores = DecisionRecords.armScores(choice.distribution().arms(), choice.expectations(),
                choice.distribution(), pulls);
        // For each possible choice, the other eligible providers best first: shared by every decision.
        List<List<String>> fallbacks = new ArrayList<>(full.length);
        for (int chosen = 0; chosen < full.length; chosen++) {
            List<String> others = new ArrayList<>(full.length - 1);
            for (int ranked : choice.ranking()) {
                if (ranked != chosen) {
                    others.add(providers.get(full[ranked]));
                }
            }
            fallbacks.add(List.copyOf(others));
        }
        return new Prepared(choice, scores, List.copyOf(fallbacks));
    }

    /** The bandit state of one scope: every configured provider, with its prior and its learnt evidence. */
    private BanditState state(String scope, ArmBoard.ClassArms arms, BanditPriors priors) {
        List<BanditState.Arm> list = new ArrayList<>(providers.size());
        long version = 0;
        long asOf = Long.MIN_VALUE;
        for (String provider : providers) {
            ArmState learnt = arms.byProvider().get(provider);
            list.add(new BanditState.Arm(provider, priors.prior(scope, provider, bandit.defaultPrior()),
                    learnt == null ? bandit.forgetting().empty() : ArmStates.evidence(learnt, bandit.forgetting())));
            if (learnt != null) {
                version += learnt.getVersion();
                asOf = Math.max(asOf, learnt.getLastUpdatedAt().toEpochMilli());
            }
        }
        return BanditState.of(bandit.forgetting(), version, asOf, list);
    }
}
