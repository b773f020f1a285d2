package io.kroute.topology.arms;

import io.kroute.schemas.ArmState;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.codec.DecodingException;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the global arm-state store and the {@link ArmBoard} from the compacted {@code arm-state} topic, so
 * every decide task on every instance sees every arm. Runs on restore too, which rebuilds the board at start-up.
 */
public final class ArmStateUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ArmStateUpdater.class);

    private final String storeName;
    private final AvroCodec<ArmState> codec;
    private final ArmBoard board;
    private KeyValueStore<String, ArmState> store;
    private String topic;

    public ArmStateUpdater(String storeName, String topic, AvroCodec<ArmState> codec, ArmBoard board) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.board = Objects.requireNonNull(board, "board");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ArmState state;
        try {
            state = codec.decode(topic, record.value());
        } catch (DecodingException e) {
            // kroute alone writes this topic; a bad record is a bug or a foreign writer, never a reason to stop.
            LOG.warn("arm-state record '{}' ignored: {}", record.key(), e.getMessage());
            return;
        }
        store.put(record.key(), state);
        board.update(state);
    }
}
