package io.kroute.topology.weights;

import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import io.kroute.topology.metrics.KrouteCounters;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the global weights store from the compacted {@code weights} topic. Each file for this application's
 * model is validated in full (checksum, shape, golden vectors) on the global thread; a valid one becomes the
 * active model at once, a bad one is refused with a metric and a log line naming why, and the last good
 * model stays. Records for other model names are ignored. It also runs when the store is restored at
 * start-up, so an instance that restarts comes back with the newest valid file on the topic.
 */
public final class WeightsUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(WeightsUpdater.class);

    private final String storeName;
    private final String modelName;
    private final ActiveWeights active;
    private final KrouteCounters counters;
    private final WeightFileReader reader = new WeightFileReader();
    private KeyValueStore<String, String> store;

    public WeightsUpdater(String storeName, String modelName, ActiveWeights active, KrouteCounters counters) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.active = Objects.requireNonNull(active, "active");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (!modelName.equals(record.key())) {
            LOG.debug("weights record for model '{}' ignored: this application follows model '{}'", record.key(),
                    modelName);
            return;
        }
        if (record.value() == null) {
            // A tombstone cannot leave routing without a model: the last good one stays.
            LOG.warn("weights tombstone for model '{}' ignored: keeping model version {}", modelName,
                    active.current().modelVersion());
            return;
        }
        WeightFile file;
        try {
            file = reader.readBytes(record.value());
        } catch (WeightFileException e) {
            counters.weightsRefused(e.reason());
            LOG.warn("weight file for model '{}' refused ({}): {}; keeping model version {}", modelName, e.reason(),
                    e.getMessage(), active.current().modelVersion());
            return;
        } catch (RuntimeException e) {
            counters.weightsRefused("error");
            LOG.warn("weight file for model '{}' refused (error): {}; keeping model version {}", modelName, e,
                    active.current().modelVersion());
            return;
        }
        if (!modelName.equals(file.modelName())) {
            counters.weightsRefused("model-name");
            LOG.warn("weight file refused (model-name): published under key '{}' but its modelName is '{}'; keeping "
                    + "model version {}", modelName, file.modelName(), active.current().modelVersion());
            return;
        }
        ActiveModel model;
        try {
            model = ActiveModel.of(file, "topic");
        } catch (IllegalArgumentException e) {
            counters.weightsRefused("bandit-section");
            LOG.warn("weight file for model '{}' refused (bandit-section): {}; keeping model version {}", modelName,
                    e.getMessage(), active.current().modelVersion());
            return;
        }
        active.activate(model);
        store.put(modelName, summary(file));
        counters.weightsActivated(modelName, file.modelVersion());
        LOG.info("weight file for model '{}' activated: version {} ({} classes, {} features)", modelName,
                file.modelVersion(), file.classifier().classes().size(), file.vocabularySize());
    }

    static String summary(WeightFile file) {
        return "{\"modelName\":\"" + jsonEscape(file.modelName()) + "\",\"modelVersion\":\""
                + jsonEscape(file.modelVersion()) + "\",\"checksum\":\"" + jsonEscape(file.checksum())
                + "\",\"createdAt\":\"" + file.createdAt() + "\"}";
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
