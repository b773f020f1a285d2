package io.kroute.topology.pending;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Opens, in the home task of its prompt id, the reward window of a decision that was made in another task (its
 * prompt was produced to another partition than the one its id hashes to), so its rewards find it.
 */
public final class OpenWindowProcessor implements Processor<String, PendingDecision, Void, Void> {

    private final PendingWindows windows;

    public OpenWindowProcessor(PendingWindows windows) {
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        windows.init(context);
    }

    @Override
    public void process(Record<String, PendingDecision> record) {
        PendingDecision window = record.value();
        if (record.key() == null || window == null) {
            return;
        }
        windows.open(record.key(), window.label(), window.provider(), window.propensity(), window.fallbacks(),
                window.decidedAt());
    }
}
