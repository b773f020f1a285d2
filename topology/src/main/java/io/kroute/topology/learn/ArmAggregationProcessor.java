package io.kroute.topology.learn;

import io.kroute.inference.bandit.ArmEvidence;
import io.kroute.inference.bandit.Forgetting;
import io.kroute.schemas.ArmState;
import io.kroute.topology.arms.ArmStates;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds rewards into their arm's statistics, with discounting: before each reward the arm's sums are decayed to
 * the reward's event time, so recent rewards weigh more and the bandit follows a provider whose quality
 * changes. Under change-aware discounting the longer history is kept beside the recent sums. Each arm has one owner task (the input is keyed by {@code class|provider}), which writes the arm's
 * new statistics to {@code arm-state}: at every change, or, with a publish interval, the changed arms once
 * per interval (fewer writes, and fewer times the decide tasks re-prepare their selection distributions).
 */
public final class ArmAggregationProcessor implements Processor<String, ArmReward, String, ArmState> {

    private final String storeName;
    private final Forgetting forgetting;
    private final Duration publishInterval;
    private final Set<String> changed = new LinkedHashSet<>();
    private ProcessorContext<String, ArmState> context;
    private KeyValueStore<String, ArmState> store;

    public ArmAggregationProcessor(String storeName, Forgetting forgetting, Duration publishInterval) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.forgetting = Objects.requireNonNull(forgetting, "forgetting");
        this.publishInterval = Objects.requireNonNull(publishInterval, "publishInterval");
    }

    @Override
    public void init(ProcessorContext<String, ArmState> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        if (!publishInterval.isZero()) {
            // Changes held back when the task last stopped are republished: the store survived, the set did not.
            try (KeyValueIterator<String, ArmState> all = store.all()) {
                all.forEachRemaining(entry -> changed.add(entry.key));
            }
            context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishChanged());
        }
    }

    @Override
    public void process(Record<String, ArmReward> record) {
        ArmReward reward = record.value();
        ArmState current = store.get(record.key());
        ArmEvidence evidence = current == null ? forgetting.empty() : ArmStates.evidence(current, forgetting);
        ArmState state = ArmStates.record(reward.label(), reward.provider(),
                evidence.plus(reward.reward(), reward.time()), current == null ? 1 : current.getVersion() + 1);
        store.put(record.key(), state);
        if (publishInterval.isZero()) {
            context.forward(new Record<>(record.key(), state, record.timestamp()));
        } else {
            changed.add(record.key());
        }
    }

    private void publishChanged() {
        long now = context.currentSystemTimeMs();
        for (String key : changed) {
            ArmState state = store.get(key);
            if (state != null) {
                context.forward(new Record<>(key, state, Math.max(now, state.getLastUpdatedAt().toEpochMilli())));
            }
        }
        changed.clear();
    }
}
