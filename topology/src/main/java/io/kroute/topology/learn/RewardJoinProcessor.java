package io.kroute.topology.learn;

import io.kroute.inference.bandit.ContextualBandit;
import io.kroute.inference.bandit.RewardFunction;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.codec.DecodingException;
import io.kroute.topology.DeadLetter;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteConfig.DuplicateRewards;
import io.kroute.topology.KrouteTopics;
import io.kroute.topology.metrics.KrouteCounters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins each reward with the decision it answers. Decisions (read back from {@code decisions}) open a window
 * of {@code rewardWindow} in event time; a reward inside it is turned into a reward in [0, 1] for the arm the
 * decision pulled, and for the same provider's global arm. When a window closes with no reward, the default
 * reward (if configured) is folded in instead. Rewards that answer no known decision, come after the window,
 * name another provider than the decision, or carry invalid values go to {@code dead-letters} with the reason.
 * Decisions and rewards are both keyed by prompt id, so a decision and its rewards meet in the same task.
 */
public final class RewardJoinProcessor implements Processor<byte[], byte[], String, Learned> {

    private final String pendingStoreName;
    private final String deadlineStoreName;
    private final AvroCodec<RoutingDecision> decisions;
    private final AvroCodec<RewardEvent> rewards;
    private final RewardFunction rewardFunction;
    private final long windowMs;
    private final OptionalDouble defaultReward;
    private final DuplicateRewards duplicates;
    private final KrouteCounters counters;
    private ProcessorContext<String, Learned> context;
    private KeyValueStore<String, PendingDecision> pending;
    private KeyValueStore<Bytes, byte[]> deadlines;

    public RewardJoinProcessor(String pendingStoreName, String deadlineStoreName, AvroCodec<RoutingDecision> decisions,
            AvroCodec<RewardEvent> rewards, RewardFunction rewardFunction, KrouteConfig config,
            KrouteCounters counters) {
        this.pendingStoreName = Objects.requireNonNull(pendingStoreName, "pendingStoreName");
        this.deadlineStoreName = Objects.requireNonNull(deadlineStoreName, "deadlineStoreName");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.rewards = Objects.requireNonNull(rewards, "rewards");
        this.rewardFunction = Objects.requireNonNull(rewardFunction, "rewardFunction");
        this.windowMs = config.rewardWindow().toMillis();
        this.defaultReward = config.defaultReward();
        this.duplicates = config.duplicateRewards();
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public void init(ProcessorContext<String, Learned> context) {
        this.context = context;
        this.pending = context.getStateStore(pendingStoreName);
        this.deadlines = context.getStateStore(deadlineStoreName);
        // Windows close as event time passes; checking every second (or window) bounds the lag of a default.
        long every = Math.max(1, Math.min(windowMs, 1000));
        context.schedule(Duration.ofMillis(every), PunctuationType.STREAM_TIME, this::closeWindows);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (KrouteTopics.DECISIONS.equals(topic)) {
            openWindow(record);
        } else {
            matchReward(record, topic);
        }
    }

    private void openWindow(Record<byte[], byte[]> record) {
        RoutingDecision decision;
        try {
            decision = decisions.decode(KrouteTopics.DECISIONS, record.value());
        } catch (DecodingException e) {
            deadLetter(record, kind(e), e.getMessage());
            return;
        }
        if (decision == null || pending.get(decision.getPromptId()) != null) {
            return; // a tombstone, or a decision replayed: the window of the first one stands
        }
        long deadline = record.timestamp() + windowMs;
        pending.put(decision.getPromptId(), new PendingDecision(decision.getLabel(), decision.getProvider(),
                decision.getPropensity(), record.timestamp(), deadline, 0, false));
        deadlines.put(deadlineKey(deadline, decision.getPromptId()), new byte[0]);
    }

    private void matchReward(Record<byte[], byte[]> record, String topic) {
        RewardEvent reward;
        try {
            reward = rewards.decode(topic, record.value());
            if (reward == null) {
                throw new DecodingException(DecodingException.Kind.MISSING_FIELD,
                        "expected a reward event, found a null value (a tombstone)");
            }
        } catch (DecodingException e) {
            deadLetter(record, kind(e), e.getMessage());
            return;
        }
        String promptId = reward.getPromptId();
        PendingDecision decision = pending.get(promptId);
        if (decision == null) {
            reject(record, "unmatched", "expected a decision for prompt '" + promptId + "' within the last "
                    + windowMs + " ms of event time, found none");
            return;
        }
        if (decision.closed() || record.timestamp() > decision.deadline()) {
            long due = decision.closed() ? decision.decidedAt() + windowMs : decision.deadline();
            reject(record, "late", "expected the reward for prompt '" + promptId + "' by " + due
                    + " (decision time + " + windowMs + " ms), found it at " + record.timestamp());
            return;
        }
        if (!decision.provider().equals(reward.getProvider())) {
            reject(record, "provider-mismatch", "expected a reward for provider '" + decision.provider()
                    + "' chosen for prompt '" + promptId + "', found one for '" + reward.getProvider() + "'");
            return;
        }
        if (decision.rewards() > 0 && duplicates == DuplicateRewards.FIRST) {
            counters.rewardDuplicate();
            return;
        }
        double value;
        try {
            Double quality = reward.getQualityScore();
            value = rewardFunction.reward(reward.getSuccess(), quality == null ? Double.NaN : quality,
                    reward.getLatencyMs(), reward.getCostUsd());
        } catch (IllegalArgumentException e) {
            reject(record, "invalid-reward", "reward for prompt '" + promptId + "': " + e.getMessage());
            return;
        }
        pending.put(promptId, decision.withReward());
        emit(decision, value, record.timestamp(), false);
    }

    private void closeWindows(long streamTime) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = deadlines.range(deadlineKey(Long.MIN_VALUE, ""),
                deadlineKey(streamTime == Long.MAX_VALUE ? streamTime : streamTime + 1, ""))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, byte[]> entry : due) {
            deadlines.delete(entry.key);
            long deadline = ByteBuffer.wrap(entry.key.get()).getLong() ^ Long.MIN_VALUE;
            String promptId = new String(entry.key.get(), Long.BYTES, entry.key.get().length - Long.BYTES,
                    StandardCharsets.UTF_8);
            PendingDecision decision = pending.get(promptId);
            if (decision == null || decision.deadline() != deadline) {
                continue;
            }
            if (decision.closed()) {
                pending.delete(promptId);
                continue;
            }
            if (decision.rewards() == 0 && defaultReward.isPresent()) {
                emit(decision, defaultReward.getAsDouble(), deadline, true);
            }
            long dropAt = deadline + windowMs;
            if (dropAt <= streamTime) {
                pending.delete(promptId); // event time jumped past both windows at once
            } else {
                pending.put(promptId, decision.closedUntil(dropAt));
                deadlines.put(deadlineKey(dropAt, promptId), new byte[0]);
            }
        }
    }

    private void emit(PendingDecision decision, double value, long time, boolean defaulted) {
        ArmReward own = new ArmReward(decision.label(), decision.provider(), value, time, defaulted);
        ArmReward global = new ArmReward(ContextualBandit.GLOBAL, decision.provider(), value, time, defaulted);
        context.forward(new Record<>(KrouteConfig.armKey(own.label(), own.provider()), new Learned.Reward(own), time));
        context.forward(new Record<>(KrouteConfig.armKey(global.label(), global.provider()),
                new Learned.Reward(global), time));
        counters.rewardFolded(decision.label(), decision.provider(), defaulted);
    }

    private void reject(Record<byte[], byte[]> record, String reason, String message) {
        counters.rewardRejected(reason);
        deadLetter(record, reason, message);
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, String message) {
        DeadLetter letter = DeadLetter.of(context.recordMetadata(), record.key(), record.value(), reason, message);
        counters.deadLetter(letter.sourceTopic(), reason);
        context.forward(new Record<String, Learned>(null, new Learned.DeadLettered(letter), record.timestamp(),
                letter.headers(record.headers())));
    }

    private static String kind(DecodingException e) {
        return e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Big-endian time with the sign bit flipped, so byte order is time order, then the prompt id. */
    static Bytes deadlineKey(long time, String promptId) {
        byte[] id = promptId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(time ^ Long.MIN_VALUE).put(id).array());
    }
}
