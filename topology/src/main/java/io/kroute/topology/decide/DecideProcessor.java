package io.kroute.topology.decide;

import io.kroute.inference.classify.Classification;
import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.ProviderExclusion;
import io.kroute.schemas.QuarantineRecord;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.DecodingException;
import io.kroute.topology.DeadLetter;
import io.kroute.topology.Routed;
import io.kroute.topology.learn.PendingWindows;
import io.kroute.topology.metrics.KrouteCounters;
import io.kroute.topology.weights.ActiveModel;
import io.kroute.topology.weights.ActiveWeights;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decide path for one prompts record: decode, classify and screen with the active model, then either hold
 * the prompt (quarantine) or choose its provider (decision). Every record yields exactly one output; a record
 * that cannot be decoded becomes a dead letter and the stream goes on. With {@link PendingWindows}, each decision
 * also opens its reward window in the task's stores, in the same transaction as the decision, so the learn path
 * need not read {@code decisions} back.
 */
public final class DecideProcessor implements Processor<byte[], byte[], String, Routed> {

    private static final Logger LOG = LoggerFactory.getLogger(DecideProcessor.class);

    /** The quarantine cause of a prompt the routing rules let no provider serve. */
    public static final String QUARANTINE_NO_ELIGIBLE_PROVIDER = "no-eligible-provider";

    private final PromptDecoder decoder;
    private final ActiveWeights weights;
    private final PromptScreen screen;
    private final Function<ProcessorContext<?, ?>, ProviderChooser> chooserFactory;
    private final KrouteCounters counters;
    private final PendingWindows windows;
    private final ProviderRules rules;
    private ProcessorContext<String, Routed> context;
    private ProviderChooser chooser;
    private boolean warnedKey;

    public DecideProcessor(PromptDecoder decoder, ActiveWeights weights, PromptScreen screen,
            Function<ProcessorContext<?, ?>, ProviderChooser> chooserFactory, KrouteCounters counters) {
        this(decoder, weights, screen, chooserFactory, counters, null, null);
    }

    /**
     * @param windows where each decision opens its reward window; null to open none (decide only)
     * @param rules the eligibility rules of this task; null to let every provider serve every prompt
     */
    public DecideProcessor(PromptDecoder decoder, ActiveWeights weights, PromptScreen screen,
            Function<ProcessorContext<?, ?>, ProviderChooser> chooserFactory, KrouteCounters counters,
            PendingWindows windows, ProviderRules rules) {
        this.windows = windows;
        this.rules = rules;
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.chooserFactory = Objects.requireNonNull(chooserFactory, "chooserFactory");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.chooser = chooserFactory.apply(context);
        screen.init(context);
        if (windows != null) {
            windows.init(context);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long started = System.nanoTime();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("prompts");
        PromptEvent event;
        try {
            event = decoder.decode(topic, record.value());
        } catch (DecodingException e) {
            DeadLetter letter = DeadLetter.of(context.recordMetadata(), record.key(), record.value(),
                    e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
            counters.deadLetter(letter.sourceTopic(), letter.reason());
            context.forward(new Record<String, Routed>(null, new Routed.DeadLettered(letter), record.timestamp(),
                    letter.headers(record.headers())));
            return;
        }
        // One read of the active model per record: a swap mid-stream never mixes two models in one decision.
        ActiveModel model = weights.current();
        Screening screening = screen.screen(model, event, record.timestamp());
        Classification classification = screening.classification();
        long now = context.currentSystemTimeMs();
        Routed out;
        if (screening.flagged()) {
            out = new Routed.Quarantined(quarantine(event, screening, model, now));
            counters.quarantined(classification.label());
        } else {
            out = route(record, event, screening, model, now);
        }
        context.forward(new Record<>(event.getId(), out, record.timestamp(), record.headers()));
        counters.decisionLatency(System.nanoTime() - started);
    }

    /**
     * Routes a prompt the screen let through: to a provider chosen among the eligible ones, or, when the rules
     * leave none, to quarantine with every provider's exclusion.
     */
    private Routed route(Record<byte[], byte[]> record, PromptEvent event, Screening screening, ActiveModel model,
            long now) {
        String label = screening.classification().label();
        long eligible = rules == null ? -1L : rules.eligible(label, event.getTenant(), event.getText());
        if (eligible == 0) {
            counters.noEligibleProvider(label);
            return new Routed.Quarantined(unroutable(event, screening, model, now,
                    rules.quarantineExclusions(label, event.getTenant())));
        }
        ProviderChooser.Chosen chosen = rules == null ? chooser.choose(label, model)
                : chooser.choose(label, model, eligible);
        List<ProviderExclusion> excluded = rules == null ? List.of()
                : rules.decisionExclusions(label, event.getTenant(), eligible);
        for (ProviderExclusion exclusion : excluded) {
            counters.providerExcluded(exclusion.getProvider(), exclusion.getRule());
        }
        if (windows != null) {
            windows.open(event.getId(), label, chosen.choice().arm(), chosen.choice().propensity(),
                    chosen.fallbacks(), record.timestamp());
            if (!warnedKey && !keyIsId(record.key(), event.getId())) {
                warnedKey = true;
                LOG.warn("prompt '{}' in task {} is not keyed by its id: its decision is, but its rewards join "
                        + "only in the task of its id's partition, so with more than one partition they may be "
                        + "dead-lettered 'unmatched'; key prompts by their id (warned once per task)",
                        event.getId(), context.taskId());
            }
        }
        counters.decision(label, chosen.choice().arm());
        return new Routed.Decided(decision(event, screening, model, chosen, excluded, now));
    }

    /** Whether {@code key} is the UTF-8 encoding of {@code id}, without encoding it when it is ASCII. */
    static boolean keyIsId(byte[] key, String id) {
        if (key == null) {
            return false;
        }
        if (key.length != id.length()) {
            return Arrays.equals(key, id.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < key.length; i++) {
            char c = id.charAt(i);
            if (c >= 0x80) {
                return Arrays.equals(key, id.getBytes(StandardCharsets.UTF_8));
            }
            if (key[i] != (byte) c) {
                return false;
            }
        }
        return true;
    }

    private static RoutingDecision decision(PromptEvent event, Screening screening, ActiveModel model,
            ProviderChooser.Chosen chosen, List<ProviderExclusion> excluded, long now) {
        Classification classification = screening.classification();
        List<String> classes = model.weights().classifier().classes();
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            probabilities.put(classes.get(i), classification.probabilities()[i]);
        }
        return RoutingDecision.newBuilder()
                .setPromptId(event.getId())
                .setTenant(event.getTenant())
                .setLabel(classification.label())
                .setClassProbabilities(probabilities)
                .setAnomalyScore(screening.anomalyScore())
                .setAnomalyFeature(screening.anomalyFeature())
                .setProvider(chosen.choice().arm())
                .setPropensity(chosen.choice().propensity())
                .setPolicy(chosen.choice().policy())
                .setExplored(chosen.explored())
                .setArms(chosen.arms())
                .setFallbacks(chosen.fallbacks())
                .setExclusions(excluded)
                .setModelName(model.modelName())
                .setWeightsVersion(model.modelVersion())
                .setPromptCreatedAt(event.getCreatedAt())
                .setDecidedAt(Instant.ofEpochMilli(now))
                .build();
    }

    private static QuarantineRecord quarantine(PromptEvent event, Screening screening, ActiveModel model, long now) {
        return QuarantineRecord.newBuilder()
                .setPrompt(event)
                .setReason(String.format(Locale.ROOT, "%s z=%.2f exceeds threshold %.1f (%s baseline)",
                        screening.anomalyFeature(), screening.anomalyScore(), screening.threshold(),
                        screening.baseline()))
                .setAnomalyScore(screening.anomalyScore())
                .setThreshold(screening.threshold())
                .setFeatures(screening.features())
                .setBaseline(screening.baseline())
                .setLabel(screening.classification().label())
                .setWeightsVersion(model.modelVersion())
                .setQuarantinedAt(Instant.ofEpochMilli(now))
                .build();
    }

    /** The record of a prompt no provider may serve; its anomaly fields say it was screened and not flagged. */
    private static QuarantineRecord unroutable(PromptEvent event, Screening screening, ActiveModel model, long now,
            List<ProviderExclusion> exclusions) {
        StringBuilder reason = new StringBuilder(QUARANTINE_NO_ELIGIBLE_PROVIDER).append(':');
        for (ProviderExclusion e : exclusions) {
            reason.append(' ').append(e.getProvider()).append(" (").append(e.getRule()).append(')');
        }
        return QuarantineRecord.newBuilder()
                .setPrompt(event)
                .setReason(reason.toString())
                .setCause(QUARANTINE_NO_ELIGIBLE_PROVIDER)
                .setExclusions(exclusions)
                .setAnomalyScore(screening.anomalyScore())
                .setThreshold(screening.threshold())
                .setFeatures(List.of())
                .setBaseline(screening.baseline())
                .setLabel(screening.classification().label())
                .setWeightsVersion(model.modelVersion())
                .setQuarantinedAt(Instant.ofEpochMilli(now))
                .build();
    }
}
