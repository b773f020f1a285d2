package io.kroute.topology.learn;

import io.kroute.inference.bandit.ContextualBandit;
import io.kroute.inference.bandit.RewardFunction;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.codec.DecodingException;
import io.kroute.topology.DeadLetter;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteConfig.DuplicateRewards;
import io.kroute.topology.KrouteTopics;
import io.kroute.topology.Reason;
import io.kroute.topology.metrics.KrouteCounters;
import io.kroute.topology.pending.PendingDecision;
import io.kroute.topology.pending.PendingWindows;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Joins each reward with the decision it answers. The decide processor opens a window of {@code rewardWindow} in
 * event time for every decision ({@link PendingWindows}); a reward inside it is turned into a reward in [0, 1]
 * for the arm the decision pulled, and for the same provider's global arm; a reward for one of the decision's
 * fallback providers (the worker tried it after the chosen one failed) is credited the same way to that
 * provider's arms, marked as a fallback. When a window closes with no reward for the chosen provider,
 * the default reward (if configured) is folded in instead. Rewards that answer no known decision, come after the
 * window, name another provider than the decision, or carry invalid values go to {@code dead-letters} with the
 * reason. Prompts and rewards are both keyed by prompt id, so a decision's window and its rewards meet in the
 * same task.
 */
public final class RewardJoinProcessor implements Processor<byte[], byte[], Object, Object> {

    /** Name of the child that takes the rewards ({@link ArmReward}, keyed by prompt id) on to their arms. */
    public static final String ARM_REWARDS = "arm-key";
    /** Name of the child that writes the rewards that cannot be used. */
    public static final String DEAD_LETTERS = "reward-dead-letters-sink";

    private final PendingWindows windows;
    private final AvroCodec<RewardEvent> rewards;
    private final RewardFunction rewardFunction;
    private final long windowMs;
    private final OptionalDouble defaultReward;
    private final DuplicateRewards duplicates;
    private final KrouteCounters counters;
    private ProcessorContext<Object, Object> context;

    public RewardJoinProcessor(PendingWindows windows, AvroCodec<RewardEvent> rewards, RewardFunction rewardFunction,
            KrouteConfig config, KrouteCounters counters) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.rewards = Objects.requireNonNull(rewards, "rewards");
        this.rewardFunction = Objects.requireNonNull(rewardFunction, "rewardFunction");
        this.windowMs = windows.windowMs();
        this.defaultReward = config.defaultReward();
        this.duplicates = config.duplicateRewards();
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        windows.init(context);
        // Windows close as event time passes; checking every second (or window) bounds the lag of a default.
        long every = Math.max(1, Math.min(windowMs, 1000));
        context.schedule(Duration.ofMillis(every), PunctuationType.STREAM_TIME, this::closeWindows);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(KrouteTopics.REWARDS);
        RewardEvent reward;
        try {
            reward = rewards.decode(topic, record.value());
            if (reward == null) {
                throw new DecodingException(DecodingException.Kind.MISSING_FIELD,
                        "expected a reward event, found a null value (a tombstone)");
            }
        } catch (DecodingException e) {
            deadLetter(record, Reason.of(e.kind()), e.getMessage());
            return;
        }
        String promptId = reward.getPromptId();
        PendingDecision decision = windows.get(promptId);
        if (decision == null) {
            reject(record, Reason.UNMATCHED, "expected a decision for prompt '" + promptId + "' within the last "
                    + windowMs + " ms of event time, found none");
            return;
        }
        if (decision.closed() || record.timestamp() > decision.deadline()) {
            long due = decision.closed() ? decision.decidedAt() + windowMs : decision.deadline();
            reject(record, Reason.LATE, "expected the reward for prompt '" + promptId + "' by " + due
                    + " (decision time + " + windowMs + " ms), found it at " + record.timestamp());
            return;
        }
        boolean primary = decision.provider().equals(reward.getProvider());
        int fallback = primary ? -1 : decision.fallbackIndex(reward.getProvider());
        if (!primary && fallback < 0) {
            reject(record, Reason.PROVIDER_MISMATCH, "expected a reward for provider '" + decision.provider()
                    + "' chosen for prompt '" + promptId + "'" + (decision.fallbacks().isEmpty() ? ""
                            : " or one of its fallbacks " + decision.fallbacks()) + ", found one for '"
                    + reward.getProvider() + "'");
            return;
        }
        // `first` applies per provider: the chosen one and each fallback may each be rewarded once.
        boolean repeat = primary ? decision.rewards() > 0 : decision.fallbackRewarded(fallback);
        if (repeat && duplicates == DuplicateRewards.FIRST) {
            counters.rewardDuplicate();
            return;
        }
        double value;
        try {
            Double quality = reward.getQualityScore();
            value = rewardFunction.reward(reward.getSuccess(), quality == null ? Double.NaN : quality,
                    reward.getLatencyMs(), reward.getCostUsd());
        } catch (IllegalArgumentException e) {
            reject(record, Reason.INVALID_REWARD, "reward for prompt '" + promptId + "': " + e.getMessage());
            return;
        }
        if (primary) {
            windows.update(promptId, decision.withReward());
            emit(decision, decision.provider(), value, record.timestamp(), false, false, promptId);
        } else {
            windows.update(promptId, decision.withFallbackReward(fallback));
            emit(decision, reward.getProvider(), value, record.timestamp(), false, true, promptId);
            counters.fallbackRewardFolded(decision.label(), reward.getProvider());
        }
    }

    private void closeWindows(long streamTime) {
        windows.closeDue(streamTime, (promptId, decision, deadline) -> {
            if (decision.rewards() == 0 && defaultReward.isPresent()) {
                emit(decision, decision.provider(), defaultReward.getAsDouble(), deadline, true, false, promptId);
            }
        });
    }

    private void emit(PendingDecision decision, String provider, double value, long time, boolean defaulted,
            boolean fallback, String promptId) {
        ArmReward own = new ArmReward(decision.label(), provider, value, time, defaulted, fallback);
        ArmReward global = new ArmReward(ContextualBandit.GLOBAL, provider, value, time, defaulted, fallback);
        context.forward(new Record<>(promptId, own, time), ARM_REWARDS);
        context.forward(new Record<>(promptId, global, time), ARM_REWARDS);
        counters.rewardFolded(decision.label(), provider, defaulted);
    }

    private void reject(Record<byte[], byte[]> record, Reason reason, String message) {
        counters.rewardRejected(reason.key());
        deadLetter(record, reason, message);
    }

    private void deadLetter(Record<byte[], byte[]> record, Reason reason, String message) {
        DeadLetter letter = DeadLetter.of(context, record, reason, message);
        counters.deadLetter(letter.sourceTopic(), reason.key());
        context.forward(letter.toRecord(record), DEAD_LETTERS);
    }
}
