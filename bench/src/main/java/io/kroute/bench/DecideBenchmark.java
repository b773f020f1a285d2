package io.kroute.bench;

import io.kroute.bench.decision.DecisionFixture;
import io.kroute.inference.weights.WeightFile;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.InMemorySchemaRegistry;
import io.kroute.topology.KrouteConfig;
import io.kroute.topology.KrouteTopics;
import io.kroute.topology.arms.ArmBoard;
import io.kroute.topology.decide.DecideFactory;
import io.kroute.topology.decide.DecideProcessor;
import io.kroute.topology.metrics.InMemoryKrouteCounters;
import io.kroute.topology.weights.ActiveModel;
import io.kroute.topology.weights.ActiveWeights;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-record cost of the decide path next to the bare inference it wraps, on the same prompts: {@code bare}
 * classifies (and screens, when the model has anomaly baselines) one text; {@code decide} runs the decide
 * processor on one Confluent-framed Avro prompt record (decode, the same inference, provider choice from learnt
 * arm statistics, the decision record); {@code decideAndEncode} also encodes the decision as the sink would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class DecideBenchmark {

    @Param("weights/default.json")
    public String weights;

    @Param("weights/prompts.jsonl")
    public String prompts;

    @Param("thompson")
    public String policy;

    private WeightFile file;
    private ActiveModel model;
    private String[] texts;
    private byte[][] records;
    private DecideProcessor processor;
    private MockProcessorContext<Object, Object> context;
    private AvroCodec<RoutingDecision> decisionCodec;
    private int next;

    @Setup
    public void setUp() {
        file = BenchmarkInputs.weights(weights);
        model = ActiveModel.of(file, "shipped");
        texts = BenchmarkInputs.prompts(prompts);
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroCodec<PromptEvent> promptCodec = AvroCodec.forValues(PromptEvent.class, registry);
        decisionCodec = AvroCodec.forValues(RoutingDecision.class, registry);
        records = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            records[i] = promptCodec.encode(KrouteTopics.PROMPTS, PromptEvent.newBuilder().setId("p-" + i)
                    .setTenant("bench").setText(texts[i]).setCreatedAt(Instant.EPOCH).setHints(null).setMetadata(null)
                    .build());
        }
        KrouteConfig config = KrouteConfig.builder().policy(policy).build();
        ArmBoard board = DecisionFixture.learntArms(file.classifier().classes(), config);
        processor = DecideFactory.of(config, board).storelessProcessor(promptCodec, new ActiveWeights(model),
                new InMemoryKrouteCounters());
        context = new MockProcessorContext<>();
        context.setRecordMetadata(KrouteTopics.PROMPTS, 0, 0);
        context.setCurrentSystemTimeMs(0);
        processor.init(context);
    }

    private int nextIndex() {
        int i = next;
        next = next + 1 == texts.length ? 0 : next + 1;
        return i;
    }

    @Benchmark
    public Object bare() {
        String text = texts[nextIndex()];
        return model.analyzer() != null ? model.analyzer().analyze(text) : file.classifier().classify(text);
    }

    @Benchmark
    public Object decide() {
        processor.process(new Record<>(null, records[nextIndex()], 0L));
        Object out = context.forwarded().get(0).record().value();
        context.resetForwards();
        return out;
    }

    @Benchmark
    public Object decideAndEncode() {
        processor.process(new Record<>(null, records[nextIndex()], 0L));
        Object out = context.forwarded().get(0).record().value();
        context.resetForwards();
        return out instanceof RoutingDecision decision ? decisionCodec.encode(KrouteTopics.DECISIONS, decision) : out;
    }
}
