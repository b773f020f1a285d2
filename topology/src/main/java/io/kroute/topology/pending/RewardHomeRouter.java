package io.kroute.topology.pending;

import io.kroute.topology.DeadLetter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends each reward to the reward join of its prompt id's home task ({@link PromptHome}): in place when this task
 * is home, else through a repartition topic keyed by the id. Rewards are keyed by prompt id, so the key decides
 * without decoding; a reward without a key stays here, where the join tells what is wrong with it.
 */
public final class RewardHomeRouter implements Processor<byte[], byte[], byte[], byte[]> {

    /** Name of the child that takes the rewards that are home to the join. */
    public static final String HERE = "rewards-here";
    /** Name of the child that takes the other rewards to the repartition topic that brings them home. */
    public static final String ELSEWHERE = "rewards-elsewhere";

    private ProcessorContext<byte[], byte[]> context;
    private PromptHome home;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.home = PromptHome.of(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || home.isHere(record.key())) {
            context.forward(record, HERE);
        } else {
            context.forward(DeadLetter.moved(context, record), ELSEWHERE);
        }
    }
}
