package io.kroute.topology.decide;

import io.kroute.inference.bandit.ArmDistribution;
import io.kroute.inference.bandit.ArmView;
import io.kroute.inference.bandit.BanditConfig;
import io.kroute.inference.bandit.BanditPriors;
import io.kroute.inference.bandit.BanditState;
import io.kroute.inference.bandit.Choice;
import io.kroute.inference.bandit.ContextualBandit;
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
 * once they carry {@code minClassEvidence} of (discounted) rewards, the global arms before that. The selection
 * distribution of a class is prepared once per change of its arms or of the model (whose priors it uses) and
 * then reused, with the per-arm scores every decision reports, so most decisions cost one uniform draw and two
 * small objects. One instance per task; not thread-safe.
 */
public final class ProviderChooser {

    /** A choice and what the policy knew about every candidate when it made it ({@code arms} is shared, read-only). */
    public record Chosen(Choice choice, boolean explored, List<ArmScore> arms) {
    }

    private record Prepared(ArmBoard.ClassArms classArms, ArmBoard.ClassArms globalArms, ActiveModel model,
            ArmDistribution distribution, List<ArmScore> scores, int best) {
    }

    private final Policy policy;
    private final BanditConfig bandit;
    private final List<String> providers;
    private final double minClassEvidence;
    private final ArmBoard board;
    private final RandomGenerator random;
    private final Map<String, Prepared> prepared = new HashMap<>();

    public ProviderChooser(Policy policy, BanditConfig bandit, List<String> providers, double minClassEvidence,
            ArmBoard board, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.bandit = Objects.requireNonNull(bandit, "bandit");
        this.providers = List.copyOf(providers);
        this.minClassEvidence = minClassEvidence;
        this.board = Objects.requireNonNull(board, "board");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Chosen choose(String label, ActiveModel model) {
        ArmBoard.ClassArms classArms = board.arms(label);
        ArmBoard.ClassArms globalArms = board.arms(ContextualBandit.GLOBAL);
        Prepared p = prepared.get(label);
        if (p == null || p.classArms != classArms || p.globalArms != globalArms || p.model != model) {
            p = prepare(label, classArms, globalArms, model);
            prepared.put(label, p);
        }
        Choice choice = p.distribution.sample(random);
        return new Chosen(choice, choice.index() != p.best, p.scores);
    }

    private Prepared prepare(String label, ArmBoard.ClassArms classArms, ArmBoard.ClassArms globalArms,
            ActiveModel model) {
        BanditState state = state(label, classArms, model.priors());
        if (state.evidenceWeight() < minClassEvidence) {
            state = state(ContextualBandit.GLOBAL, globalArms, model.priors());
            label = ContextualBandit.GLOBAL;
        }
        ArmView view = state.view();
        ArmDistribution distribution = ArmDistribution.of(view.arms(), policy.selectionProbabilities(view, random),
                bandit.explorationFloor(), policy.name(), label, state.version());
        double[] expectations = policy.expectations(view);
        int best = 0;
        for (int i = 1; i < expectations.length; i++) {
            if (expectations[i] > expectations[best]) {
                best = i;
            }
        }
        List<ArmScore> scores = DecisionRecords.armScores(providers, expectations, distribution, view.weight());
        // Shared by every decision made from this preparation; never modified after this point.
        return new Prepared(classArms, globalArms, model, distribution, scores, best);
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
